package vn.phoihop.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.phoihop.devstack.process.Child;

/** The real broker as devstack runs it: its own JVM, data on disk that survives a restart. */
class KafkaBrokerIT {

    @TempDir
    Path data;

    private final List<Child> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(child -> child.stop(Duration.ofSeconds(5)));
    }

    @Test
    void aRecordWrittenBeforeARestartIsReadAfterIt() throws Exception {
        var broker = new KafkaBroker(data.resolve("kafka"), freePort(), freePort());
        String topic = "activities";

        Child first = start(broker);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "unit-1", "{\"sessions\":3}")).get();
        }
        List<ProcessHandle> family = new ArrayList<>(first.process().descendants().toList());
        family.add(first.process().toHandle());
        first.stop(Duration.ofSeconds(30));
        assertThat(family).noneMatch(ProcessHandle::isAlive);
        assertThat(KafkaBroker.isHealthy(broker.bootstrapServers(), Duration.ofSeconds(1))).isFalse();

        Child second = start(broker);
        assertThat(readAll(broker, topic)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("unit-1");
            assertThat(record.value()).isEqualTo("{\"sessions\":3}");
        });
        second.stop(Duration.ofSeconds(30));

        assertThat(second.isAlive()).isFalse();
        assertThat(ProcessHandle.current().children()).noneMatch(ProcessHandle::isAlive);
        assertThat(Child.tail(data.resolve("logs/kafka.log"), 1000))
                .anyMatch(line -> line.contains("Kafka Server started"))
                .hasSizeLessThan(300); // the quiet logging config is in force
    }

    private Child start(KafkaBroker broker) {
        long begin = System.nanoTime();
        broker.prepare();
        Child child = broker.start(KafkaBroker.classPathOfThisJvm(), data, data.resolve("logs/kafka.log"), data.resolve("run"));
        started.add(child);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> !child.isAlive() || KafkaBroker.isHealthy(broker.bootstrapServers(), Duration.ofSeconds(2)));
        assertThat(child.isAlive()).as("broker alive; log:%n%s", String.join("\n", child.tail(30))).isTrue();
        System.out.printf("Kafka healthy after %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        return child;
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaBroker broker, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var records = new ArrayList<ConsumerRecord<String, String>>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
