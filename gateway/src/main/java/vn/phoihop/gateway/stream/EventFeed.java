package vn.phoihop.gateway.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * subscriber. Its group id is unique per process, as each gateway instance must see every event. Each poll's
 * events are written to the {@link Journal} (numbered, duplicates dropped) before anyone gets them, with the
 * positions to go on from: a restarted gateway goes on there (a new one starts at the end of each partition),
 * and a subscriber's {@code Last-Event-ID} always names a journaled event. Nothing is committed to Kafka.
 */
public final class EventFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

    // best effort per subscriber: each one's own bounded buffer (EventStreams) always has demand, so
    // nothing is dropped here, and a subscriber's troubles stay in its own buffer
    // a new one at every start: stop() completes the old one, which ends the open streams (a stopped context, e.g. a
    // paused test context, may be started again)
    private volatile Sinks.Many<FeedEvent> sink = newSink();
    private final String bootstrapServers;
    private final List<String> topics;
    private final StreamProperties properties;
    private final Journal journal;
    private final Map<TopicPartition, Long> next = new HashMap<>(); // feed thread only
    private final String groupId = "phoihop-gateway-stream-" + UUID.randomUUID();

    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public EventFeed(String bootstrapServers, List<String> topics, StreamProperties properties, Journal journal) {
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.properties = properties;
        this.journal = journal;
    }

    /** The live events, from the feed running at the time of subscription. */
    public Flux<FeedEvent> events() {
        return Flux.defer(() -> sink.asFlux());
    }

    private static Sinks.Many<FeedEvent> newSink() {
        return Sinks.many().multicast().directBestEffort();
    }

    public Journal journal() {
        return journal;
    }

    /** True once every partition is assigned and positioned: events produced from then on are seen. */
    public boolean isReady() {
        return ready;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            sink = newSink(); // started again after a stop
        }
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
            journal.open();
            kafka.subscribe(topics, new PositionOnAssignment(kafka));
            while (running) {
                publish(kafka.poll(Duration.ofMillis(500)));
            }
        } finally {
            consumer = null;
            ready = false;
        }
    }

    private void publish(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        var batch = new ArrayList<FeedEvent>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            decode(record).ifPresent(batch::add);
        }
        List<FeedEvent> delivered;
        try {
            delivered = journal.append(batch, next);
        } catch (RuntimeException e) {
            // live subscribers still get them; only resuming from these ids is lost while the journal is down
            log.warn("Journal unavailable; {} events delivered without resume ids: {}", batch.size(), e.toString());
            delivered = batch;
        }
        Sinks.Many<FeedEvent> current = sink;
        delivered.forEach(current::tryEmitNext);
    }

    private static java.util.Optional<FeedEvent> decode(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return java.util.Optional.empty(); // a tombstone: no event
        }
        try {
            return java.util.Optional.of(new FeedEvent(EventCodec.decode(record.value()), record.value(),
                    FeedEvent.UNJOURNALED));
        } catch (MalformedEventException e) {
            // the value is not logged: it may be large or carry personal data
            log.warn("Skipped an undecodable event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return java.util.Optional.empty();
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

    /**
     * Goes on from the journaled positions, or resolves "latest" right away for partitions it never read, so
     * readiness means "from here on nothing is missed".
     */
    private final class PositionOnAssignment implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        PositionOnAssignment(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> journaled = journal.positions();
            for (TopicPartition partition : partitions) {
                Long position = journaled.get(partition);
                if (position != null) {
                    kafka.seek(partition, position);
                }
                next.put(partition, kafka.position(partition));
            }
            ready = !kafka.assignment().isEmpty();
            log.info("Event feed reading {} partitions of {} from the journaled positions or their end", kafka.assignment().size(), topics);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            ready = false;
        }
    }
}
