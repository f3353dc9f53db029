package vn.phoihop.program.progress;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.inbox.DeadLetters;

/**
 * One consumer of the {@code activities} topic per live generation of the read model, each in a consumer group of
 * its own ({@link Generations#group}). A new group starts at the beginning of the topic, so a new
 * generation is a full replay and then follows the live stream; a restart resumes each group where it committed.
 * Each consumer notes how far it has read, for the rebuild to see when the new generation has caught up.
 *
 * <p>Records come in batches of up to {@code phoihop.progress.batch-size} (5,000), applied together
 * ({@link ProgressProjector}); the offsets are committed after the batch. An unusable record goes to the dead-letter
 * topic before anything of its batch is written, and the batch goes on: it changed nothing, so replaying it later
 * ({@link ProgressDeadLetters}) counts it once. Any other failure (the database, Kafka) fails the batch at its first
 * record, which is retried, each time a fresh read in whatever batch Kafka delivers, from 1 s apart up to a minute
 * apart, for as long as it takes: never dead-lettered, since such a batch may have moved some counters and not
 * others, and setting its record aside would lose an event the write path accepted. Each failed attempt is an ERROR.
 */
@Component
public class ProgressFeed {

    private static final Logger log = LoggerFactory.getLogger(ProgressFeed.class);

    /** Generous for an activity event (about 1 KB of JSON), and fetched compressed as the producer sent it. */
    private static final int FETCH_BYTES_PER_RECORD = 2048;
    private static final int MAX_BATCH_MILLIS = 30 * 60_000;

    private final ConcurrentKafkaListenerContainerFactory<String, String> factory;
    private final ProgressProjector projector;
    private final DeadLetters deadLetters;
    private final ProgressDeadLetters parked;
    private final String groupSuffix;
    private final int batchSize;
    private final Map<Integer, Feed> feeds = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    ProgressFeed(ConcurrentKafkaListenerContainerFactory<?, ?> factory, ProgressProjector projector,
            DeadLetters deadLetters, ProgressDeadLetters parked,
            @Value("${phoihop.kafka.group-suffix:}") String groupSuffix,
            @Value("${phoihop.progress.batch-size:5000}") int batchSize) {
        this.factory = (ConcurrentKafkaListenerContainerFactory<String, String>) factory;
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.parked = parked;
        this.groupSuffix = groupSuffix;
        this.batchSize = batchSize;
    }

    /** How far one generation's consumer has read: the next offset per partition, and how many records it took. */
    public record Position(Map<Integer, Long> next, long records) {
    }

    /** A class, not a record: records here stay free of Spring. */
    private static final class Feed {
        final ConcurrentMessageListenerContainer<String, String> container;
        final Map<Integer, Long> next;
        final AtomicLong records;

        Feed(ConcurrentMessageListenerContainer<String, String> container, Map<Integer, Long> next, AtomicLong records) {
            this.container = container;
            this.next = next;
            this.records = records;
        }
    }

    /** Starts feeding {@code generation} from consumer group {@code group}, where that group left off. */
    public synchronized void start(int generation, String group) {
        feeds.computeIfAbsent(generation, g -> {
            var next = new ConcurrentHashMap<Integer, Long>();
            var records = new AtomicLong();
            var container = factory.createContainer(Topics.ACTIVITIES);
            container.getContainerProperties().setGroupId(group + groupSuffix);
            container.setBeanName("progress-g" + g);
            var consumerProperties = new Properties();
            consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batchSize));
            // room for a whole batch from one partition: events close in time share counters, so big batches write less
            consumerProperties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(FETCH_BYTES_PER_RECORD * batchSize));
            // a batch of new counters on a busy embedded server may take minutes: no rebalance (and redelivery) for that
            consumerProperties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, String.valueOf(MAX_BATCH_MILLIS));
            container.getContainerProperties().setKafkaConsumerProperties(consumerProperties);
            container.setCommonErrorHandler(retryingForever());
            container.setupMessageListener((BatchConsumerAwareMessageListener<String, String>) (batch, consumer) -> {
                try {
                    projector.apply(batch, g, (record, e) -> {
                        deadLetters.accept(record, consumer, e); // with the consumer: the header names the group
                        parked.added();
                    });
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("Progress batch failed", e, batch.get(0));
                }
                // read once applied or set aside: a batch being retried must not let a rebuild think it caught up
                read(batch, next, records);
            });
            container.start();
            return new Feed(container, next, records);
        });
    }

    /** Retries a failed batch, never giving up on it; says so at ERROR each time. */
    private static DefaultErrorHandler retryingForever() {
        var handler = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("a progress batch is never given up", e);
        }, patience());
        handler.setClassifications(Map.of(), true); // every failure waits its back-off, even one Spring would not retry
        handler.setRetryListeners((record, e, attempt) -> log.error(
                "Progress batch failed at {}-{}@{}, attempt {}; retrying, nothing is skipped: {}", record.topic(),
                record.partition(), record.offset(), attempt, DeadLetters.reason(e)));
        return handler;
    }

    /** 1 s, 2 s, 4 s… up to a minute apart, with no limit on attempts nor on the time elapsed. */
    static ExponentialBackOff patience() {
        var backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(60_000);
        return backOff;
    }

    private static void read(List<ConsumerRecord<String, String>> batch, Map<Integer, Long> next, AtomicLong records) {
        for (var r : batch) {
            next.compute(r.partition(), (p, n) -> {
                if (n != null && n > r.offset()) {
                    return n; // a retry
                }
                records.incrementAndGet();
                return r.offset() + 1;
            });
        }
    }

    public synchronized void stop(int generation) {
        Feed feed = feeds.remove(generation);
        if (feed != null) {
            feed.container.stop();
        }
    }

    public synchronized void stopAll() {
        feeds.keySet().stream().toList().forEach(this::stop);
    }

    /** The offsets of a partition's first record and of the one it will get next. */
    public record Span(long begin, long end) {
    }

    /** The span of every partition of the topic, now. */
    public Map<Integer, Span> spans() {
        try (var consumer = factory.getConsumerFactory().createConsumer("program-service.progress.bounds", null)) {
            var partitions = consumer.partitionsFor(Topics.ACTIVITIES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            var begin = consumer.beginningOffsets(partitions);
            var end = consumer.endOffsets(partitions);
            var spans = new java.util.HashMap<Integer, Span>();
            partitions.forEach(p -> spans.put(p.partition(), new Span(begin.get(p), end.get(p))));
            return spans;
        }
    }

    public Position position(int generation) {
        Feed feed = feeds.get(generation);
        return feed == null ? new Position(Map.of(), 0) : new Position(Map.copyOf(feed.next), feed.records.get());
    }
}
