package vn.phoihop.gateway.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topics exist before the feed subscribes. A consumer subscribed to a missing topic
 * with {@code auto.offset.reset=latest} would start at the end of it once it appears, after the first
 * events may already be there: creating the topics first closes that gap.
 */
final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** Blocks until every topic exists or {@code keepTrying} turns false; returns whether they exist. */
    static boolean ensure(String bootstrapServers, List<String> topics, StreamProperties properties,
            java.util.function.BooleanSupplier keepTrying) throws InterruptedException {
        var newTopics = topics.stream()
                .map(topic -> new NewTopic(topic, properties.partitions(), properties.replicationFactor()))
                .toList();
        long backoffMs = 500;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "phoihop-gateway-topics"))) {
            while (keepTrying.getAsBoolean()) {
                try {
                    for (var result : admin.createTopics(newTopics).values().entrySet()) {
                        createdOrExisting(result.getKey(), result.getValue());
                    }
                    log.info("Topics {} are ready", topics);
                    return true;
                } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    log.warn("Kafka at {} not ready to create topics ({}); retrying in {} ms",
                            bootstrapServers, cause.toString(), backoffMs);
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 10_000);
                }
            }
        }
        return false;
    }

    private static void createdOrExisting(String topic, org.apache.kafka.common.KafkaFuture<Void> future)
            throws ExecutionException, InterruptedException {
        try {
            future.get();
            log.info("Created topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
