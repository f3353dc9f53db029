package vn.phoihop.platform.outbox;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import vn.phoihop.platform.web.RequestIds;

/** The Kafka record of an encoded CloudEvent, with the headers every consumer reads. */
public final class EventRecords {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private EventRecords() {
    }

    /** {@code requestId}: the correlation id of what caused the event, or null. */
    public static ProducerRecord<String, String> of(String topic, String key, String value, String requestId) {
        var record = new ProducerRecord<String, String>(topic, key, value);
        record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        if (requestId != null) {
            record.headers().add(RequestIds.KAFKA_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
