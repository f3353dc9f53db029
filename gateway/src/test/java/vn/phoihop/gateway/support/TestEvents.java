package vn.phoihop.gateway.support;

import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.testsupport.TestInfrastructure;

/** Publishes to the test broker as the services would: one producer for every stream test, closed with the JVM. */
public final class TestEvents {

    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    /** Publishes the event keyed by its {@code partitionkey} and waits until the broker has it. */
    public static void publish(String topic, CloudEvent event) throws Exception {
        send(topic, event).get();
    }

    /** Publishes without waiting (for bursts); wait on the future. */
    public static Future<RecordMetadata> send(String topic, CloudEvent event) {
        return sendRaw(topic, event.partitionkey(), EventCodec.encode(event));
    }

    /** Any value, e.g. one that is not a CloudEvent. */
    public static synchronized Future<RecordMetadata> sendRaw(String topic, String key, String value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer.send(new ProducerRecord<>(topic, key, value));
    }
}
