package vn.phoihop.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.pull;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import vn.phoihop.platform.web.RequestIds;

/**
 * Publishes outbox entries to Kafka, then removes them from their document. One thread does all of
 * it, so one aggregate's events leave in the order they were written; Kafka's idempotent producer
 * and keys keep that order per partition. A failure leaves the entry and its marker for the next sweep:
 * an event may be published twice (consumers deduplicate by id), never lost.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoDatabase database;
    private final KafkaTemplate<String, String> kafka;
    private final Duration sweepEvery;
    private ScheduledExecutorService executor;

    public OutboxRelay(MongoDatabase database, KafkaTemplate<String, String> kafka, Duration sweepEvery) {
        this.database = database;
        this.kafka = kafka;
        this.sweepEvery = sweepEvery;
    }

    static String markerId(String collection, String aggregateId) {
        return collection + "/" + aggregateId;
    }

    void schedule(String collection, String aggregateId) {
        ScheduledExecutorService current = executor;
        if (current != null) {
            current.execute(() -> relay(collection, aggregateId));
        }
    }

    /** Publishes what is pending in every marked document; also run at start for a crash's leftovers. */
    public void sweep() {
        for (Document marker : database.getCollection(Outbox.MARKERS).find()) {
            relay(marker.getString("collection"), marker.getString("aggregateId"));
        }
    }

    private void relay(String collection, String aggregateId) {
        var markers = database.getCollection(Outbox.MARKERS);
        String markerId = markerId(collection, aggregateId);
        Document marker = markers.find(eq("_id", markerId)).first();
        var aggregates = database.getCollection(collection);
        Document aggregate = aggregates.find(eq("_id", aggregateId)).projection(include(Outbox.FIELD)).first();
        try {
            List<Document> pending = aggregate == null ? List.of() : aggregate.getList(Outbox.FIELD, Document.class, List.of());
            for (Document entry : pending) {
                publish(entry);
                aggregates.updateOne(eq("_id", aggregateId), pull(Outbox.FIELD, new Document("id", entry.getString("id"))));
            }
            if (marker != null) {
                // only if no writer has marked the document again meanwhile
                markers.deleteOne(and(eq("_id", markerId), eq("seq", marker.get("seq"))));
            }
        } catch (Exception e) {
            log.warn("Outbox relay of {} failed; the next sweep retries: {}", markerId, e.toString());
        }
    }

    private void publish(Document entry) throws Exception {
        var record = new ProducerRecord<String, String>(entry.getString("topic"), entry.getString("key"),
                entry.getString("value"));
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        String requestId = entry.getString("requestId");
        if (requestId != null) {
            record.headers().add(RequestIds.KAFKA_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
            log.debug("Published event {} to {}", entry.getString("id"), entry.getString("topic"));
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        executor.scheduleWithFixedDelay(this::sweepQuietly, 0, sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed; retrying in {}: {}", sweepEvery, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
