package vn.phoihop.program.progress;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Service;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.inbox.DeadLetters;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.RequestIds;
import vn.phoihop.program.progress.mongo.ProgressGenerations;

/**
 * The activity events the projection set aside ({@code activities.dlt}) and their replay. An event is set aside only
 * when it cannot be applied (checked before anything of its batch is written, {@link ProgressFeed}), so it changed
 * nothing. Once the cause is fixed (the indicator added, the program restored, a consumer that reads it deployed),
 * {@link #replay} publishes each pending one again on {@code activities}, under its activity id: the projection
 * applies it in order with the activity's other events, at a new offset, and its version decides as for any event —
 * applied once if it is still the latest, nothing if a later version came meanwhile, nothing on a second replay. One
 * that still cannot be applied goes back to the dead-letter topic with today's reason, pending again.
 *
 * <p>Pending: the records after this service's replay position (a consumer group of its own on the dead-letter topic)
 * that a projector of this read model set aside. Counted in the background, never on a request or health path.
 */
@Service
public class ProgressDeadLetters implements SmartLifecycle {

    /** Where a replayed event came from, on the copy published to {@code activities}. */
    public static final String REPLAYED_FROM = "phoihop-replayed-from";
    static final String TOPIC = Topics.deadLetter(Topics.ACTIVITIES);
    private static final Logger log = LoggerFactory.getLogger(ProgressDeadLetters.class);
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(10);
    private static final long RECOUNT_SECONDS = 30;
    private static final int LISTED = 100;

    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, String> kafka;
    private final ActivityEvents events;
    private final ProgressGenerations generations;
    private final String group;
    private final AtomicReference<Count> count = new AtomicReference<>(Count.NOT_YET);
    private ScheduledExecutorService counter;
    /** One, kept: a consumer made for every count would log its whole configuration every 30 s. */
    private org.apache.kafka.clients.consumer.Consumer<String, String> reader;

    /** One pending event: where it lies, where it came from, what it is and why it was set aside. */
    public record DeadLetter(String at, String from, String eventId, String type, String activityId, String reason) {
    }

    /** How many are pending, the first {@code limit} of them. */
    public record Pending(long pending, List<DeadLetter> items) {
    }

    /**
     * What a replay did: how many it published again on {@code activities} (the first {@value #LISTED} event ids), how
     * many it set aside again as still unusable.
     */
    public record Replay(int replayed, int stillUnusable, List<String> eventIds) {
    }

    /** The pending count as last seen; {@code at} null until first counted, {@code error} when Kafka did not answer. */
    public record Count(long pending, Instant at, String error) {
        static final Count NOT_YET = new Count(0, null, null);
    }

    @SuppressWarnings("unchecked")
    ProgressDeadLetters(ConcurrentKafkaListenerContainerFactory<?, ?> factory, KafkaTemplate<String, String> kafka,
            ActivityEvents events, ProgressGenerations generations,
            @Value("${phoihop.kafka.group-suffix:}") String groupSuffix) {
        this.consumers = (ConsumerFactory<String, String>) factory.getConsumerFactory();
        this.kafka = kafka;
        this.events = events;
        this.generations = generations;
        this.group = "program-service.progress-dead-letters" + groupSuffix;
    }

    /** The pending events, oldest first, at most {@code limit} listed. */
    public Pending pending(int limit) {
        var items = new ArrayList<DeadLetter>();
        long pending = scan(record -> {
            if (items.size() < limit) {
                items.add(describe(record));
            }
        }, false);
        count.set(new Count(pending, Instant.now(), null));
        return new Pending(pending, items);
    }

    /** Publishes every pending event again, as described above, and moves the replay position past them. */
    public synchronized Replay replay() {
        var replayed = new ArrayList<String>();
        int[] stillUnusable = {0};
        var sends = new ArrayList<CompletableFuture<?>>();
        scan(record -> {
            if (record.value() == null) {
                return; // nothing to apply: left behind
            }
            try {
                events.read(record.value());
                sends.add(kafka.send(again(Topics.ACTIVITIES, record, null)));
                replayed.add(eventId(record.value()));
            } catch (MalformedEventException e) {
                sends.add(kafka.send(again(TOPIC, record, e)));
                stillUnusable[0]++;
                log.error("Dead letter {}-{}@{} ({}) still cannot be applied; set aside again: {}", record.topic(),
                        record.partition(), record.offset(), DeadLetters.event(record.value()), DeadLetters.reason(e));
            }
        }, true, () -> sends.forEach(CompletableFuture::join));
        log.info("Replayed {} dead-lettered activity events; {} still cannot be applied", replayed.size(), stillUnusable[0]);
        recount();
        return new Replay(replayed.size(), stillUnusable[0], replayed.subList(0, Math.min(LISTED, replayed.size())));
    }

    /** The count as last seen, for the health indicator. */
    public Count count() {
        return count.get();
    }

    /** The projection has just set one aside: show it now rather than at the next count. */
    void added() {
        count.updateAndGet(c -> new Count(c.pending() + 1, Instant.now(), c.error()));
    }

    private void recount() {
        try {
            count.set(new Count(scan(record -> { }, false), Instant.now(), null));
        } catch (RuntimeException e) {
            count.set(new Count(count.get().pending(), count.get().at(), DeadLetters.reason(e)));
        }
    }

    private long scan(Consumer<ConsumerRecord<String, String>> each, boolean commit) {
        return scan(each, commit, () -> { });
    }

    /**
     * Reads the dead-letter topic from the replay position to its end as it is now, hands each of ours to
     * {@code each}; with {@code commit}, runs {@code before} and then moves the position to that end.
     *
     * @return how many of ours there were
     */
    private synchronized long scan(Consumer<ConsumerRecord<String, String>> each, boolean commit, Runnable before) {
        try {
            String ours = "program-service.progress." + generations.load().modelId() + ".";
            var consumer = reader();
            var partitions = consumer.partitionsFor(TOPIC, KAFKA_WAIT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_WAIT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions), KAFKA_WAIT);
            var left = new HashMap<TopicPartition, Long>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata at = committed.get(p);
                if (at == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, at.offset());
                }
                if (consumer.position(p, KAFKA_WAIT) < end.get(p)) {
                    left.put(p, end.get(p));
                }
            }
            long found = 0;
            long deadline = System.nanoTime() + KAFKA_WAIT.toNanos();
            while (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("the dead-letter topic gave no records for " + KAFKA_WAIT.toSeconds() + " s");
                }
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    deadline = System.nanoTime() + KAFKA_WAIT.toNanos(); // a long topic takes as long as it takes
                }
                for (ConsumerRecord<String, String> record : records) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (!left.containsKey(p) || record.offset() >= left.get(p)) {
                        continue;
                    }
                    if (ours(record, ours)) {
                        found++;
                        each.accept(record);
                    }
                }
                left.keySet().removeIf(p -> consumer.position(p, KAFKA_WAIT) >= left.get(p));
            }
            if (commit) {
                before.run();
                var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
                end.forEach((p, offset) -> offsets.put(p, new OffsetAndMetadata(offset)));
                consumer.commitSync(offsets, KAFKA_WAIT);
            }
            return found;
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) { // Kafka or the database: nothing here fails for a caller's input
            closeReader(); // a fresh one next time
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Dead letters unavailable",
                    "Kafka or the database did not answer; nothing was lost, try again: " + DeadLetters.reason(e), List.of());
        }
    }

    private org.apache.kafka.clients.consumer.Consumer<String, String> reader() {
        if (reader == null) {
            var properties = new Properties();
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(KAFKA_WAIT.toMillis()));
            reader = consumers.createConsumer(group, null, null, properties);
        }
        return reader;
    }

    private synchronized void closeReader() {
        if (reader != null) {
            try {
                reader.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                log.debug("Closing the dead-letter reader: {}", e.getMessage());
            }
            reader = null;
        }
    }

    /**
     * Set aside by a projector of this read model (the group header names one of its generations), or before that
     * header was written: no other consumer of this service sets activity events aside.
     */
    private static boolean ours(ConsumerRecord<String, String> record, String prefix) {
        String group = header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        return group == null || group.startsWith(prefix);
    }

    /** The record again: to {@code activities} to be applied, or back to the dead-letter topic with today's reason. */
    private static ProducerRecord<String, String> again(String topic, ConsumerRecord<String, String> record,
            MalformedEventException unusable) {
        var headers = new RecordHeaders();
        if (unusable == null) {
            String requestId = header(record, RequestIds.KAFKA_HEADER);
            if (requestId != null) {
                headers.add(RequestIds.KAFKA_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            }
            headers.add(REPLAYED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset())
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            record.headers().forEach(h -> {
                if (!h.key().equals(KafkaHeaders.DLT_EXCEPTION_MESSAGE)) {
                    headers.add(h);
                }
            });
            headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, String.valueOf(unusable.getMessage())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    private static DeadLetter describe(ConsumerRecord<String, String> record) {
        String from = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        String partition = header(record, KafkaHeaders.DLT_ORIGINAL_PARTITION, 4);
        String offset = header(record, KafkaHeaders.DLT_ORIGINAL_OFFSET, 8);
        CloudEvent event = decoded(record.value());
        String reason = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        return new DeadLetter(record.topic() + "-" + record.partition() + "@" + record.offset(),
                from == null ? null : from + "-" + partition + "@" + offset, event == null ? null : event.id(),
                event == null ? null : event.type(), record.key(),
                reason == null ? null : reason.length() > 500 ? reason.substring(0, 500) + "…" : reason);
    }

    private static String eventId(String value) {
        CloudEvent event = decoded(value);
        return event == null ? null : event.id();
    }

    private static CloudEvent decoded(String value) {
        try {
            return value == null ? null : EventCodec.decode(value);
        } catch (MalformedEventException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A number header as the dead-letter publisher writes it: big-endian int (partition) or long (offset). */
    private static String header(ConsumerRecord<?, ?> record, String name, int bytes) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value().length != bytes) {
            return "?";
        }
        var buffer = java.nio.ByteBuffer.wrap(header.value());
        return bytes == 4 ? String.valueOf(buffer.getInt()) : String.valueOf(buffer.getLong());
    }

    // counted in the background: Kafka may be slow or away, and neither a request nor the health check waits for it

    @Override
    public void start() {
        counter = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "progress-dead-letters");
            thread.setDaemon(true);
            return thread;
        });
        counter.scheduleWithFixedDelay(this::recountQuietly, 0, RECOUNT_SECONDS, TimeUnit.SECONDS);
    }

    private void recountQuietly() {
        try {
            recount();
        } catch (RuntimeException e) {
            log.warn("Could not count the dead-lettered activity events: {}", DeadLetters.reason(e));
        }
    }

    @Override
    public void stop() {
        if (counter != null) {
            counter.shutdownNow();
            counter = null;
        }
        closeReader();
    }

    @Override
    public boolean isRunning() {
        return counter != null;
    }
}
