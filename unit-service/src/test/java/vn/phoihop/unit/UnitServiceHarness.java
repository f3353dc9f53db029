package vn.phoihop.unit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.TestInfrastructure;

/** What the unit-service integration tests share: a caller's token and a look at a topic. */
final class UnitServiceHarness {

    private UnitServiceHarness() {
    }

    static RequestPostProcessor admin() {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject("admin").claim("roles", List.of("ADMIN")));
    }

    /** Every record on {@code topic} from the beginning, read until {@code done} holds or 20 s pass. */
    static List<ConsumerRecord<String, String>> readTopic(String topic, java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
        var records = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
