package vn.phoihop.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;

/**
 * Sets aside a record a consumer cannot use: publishes it unchanged to {@code <topic>.dlt} (the reason in the
 * {@code kafka_dlt-exception-message} header, where it came from in the {@code kafka_dlt-original-*} headers), then
 * says so at ERROR — topic, partition, offset, event id and type, reason — and counts it in
 * {@value #METER}, tagged with the topic. An event set aside is one a reader of the service no longer reflects: it must
 * not go unnoticed. The line carries no personal data: events hold none, and quoted text in the reason is left out.
 */
public class DeadLetters extends DeadLetterPublishingRecoverer {

    public static final String METER = "phoihop.kafka.dead-letters";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_REASON = 300;

    private final MeterRegistry meters;

    public DeadLetters(KafkaTemplate<String, String> template, MeterRegistry meters) {
        super(template, (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        this.meters = meters;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        super.accept(record, consumer, exception); // throws if the dead-letter topic did not take it
        meters.counter(METER, "topic", record.topic()).increment();
        log.error("Dead-lettered {}-{}@{} ({}) to {}: {}", record.topic(), record.partition(), record.offset(),
                event(record.value()), Topics.deadLetter(record.topic()), reason(exception));
    }

    /** The event's id and type, or what the record is instead. */
    public static String event(Object value) {
        if (!(value instanceof String json)) {
            return value == null ? "no value" : "not text";
        }
        try {
            CloudEvent event = EventCodec.decode(json);
            return "event " + event.id() + ", " + event.type();
        } catch (MalformedEventException e) {
            return "not a CloudEvent";
        }
    }

    /**
     * Why, on one line: the event's own fault if there is one (our words), else the innermost cause; without quoted
     * text, as a decoder quotes the value it could not read.
     */
    public static String reason(Exception exception) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof MalformedEventException) {
                cause = t;
                break;
            }
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        String text = (cause.getClass().getSimpleName() + ": " + message).replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("'[^']*'", "'…'").replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
