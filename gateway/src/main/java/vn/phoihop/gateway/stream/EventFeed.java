package vn.phoihop.gateway.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.MalformedEventException;

/**
 * The one Kafka consumer of this gateway, on its own thread, fanning events out to every stream
 * subscriber. Its group id is unique per process and it starts at the end of each partition: the
 * stream is live, so each gateway instance must see every event, and none from before it started.
 * Nothing is committed, since a restarted gateway starts at the end again.
 */
public final class EventFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

    // best effort per subscriber: each one's own bounded buffer (EventStreams) always has demand, so
    // nothing is dropped here, and a subscriber's troubles stay in its own buffer
    private final Sinks.Many<FeedEvent> sink = Sinks.many().multicast().directBestEffort();
    private final String bootstrapServers;
    private final List<String> topics;
    private final StreamProperties properties;
    private final String groupId = "phoihop-gateway-stream-" + UUID.randomUUID();

    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public EventFeed(String bootstrapServers, List<String> topics, StreamProperties properties) {
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.properties = properties;
    }

    public Flux<FeedEvent> events() {
        return sink.asFlux();
    }

    /** True once every partition is assigned and positioned: events produced from then on are seen. */
    public boolean isReady() {
        return ready;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.interrupt(); // ends a wait between retries
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (TopicSetup.ensure(bootstrapServers, topics, properties, () -> running)) {
                    consume();
                }
            } catch (InterruptedException | RuntimeException e) {
                ready = false;
                if (!running) {
                    return; // stop() woke or interrupted us
                }
                log.error("Event feed failed; restarting in 1 s", e);
                pause();
            }
        }
    }

    private void consume() {
        try (var kafka = new KafkaConsumer<String, String>(consumerConfig())) {
            consumer = kafka;
            if (!running) {
                return; // stop() came before the consumer existed to wake up
            }
            kafka.subscribe(topics, new PositionOnAssignment(kafka));
            while (running) {
                for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                    publish(record);
                }
            }
        } finally {
            consumer = null;
            ready = false;
        }
    }

    private void publish(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone: no event
        }
        try {
            sink.tryEmitNext(new FeedEvent(EventCodec.decode(record.value()), record.value()));
        } catch (MalformedEventException e) {
            // the value is not logged: it may be large or carry personal data
            log.warn("Skipped an undecodable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) properties.metadataMaxAge().toMillis(),
                ConsumerConfig.CLIENT_ID_CONFIG, "phoihop-gateway-stream",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resolves "latest" right away, so readiness means "from here on nothing is missed". */
    private final class PositionOnAssignment implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        PositionOnAssignment(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(kafka::position);
            ready = !kafka.assignment().isEmpty();
            log.info("Event feed reading {} partitions of {} from their end", kafka.assignment().size(), topics);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            ready = false;
        }
    }
}
