package vn.phoihop.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.pull;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import vn.phoihop.platform.web.RequestIds;

/**
 * Publishes outbox entries to Kafka, then removes them from their document. One thread does all of
 * it, in batches: the pending entries of up to {@value #BATCH} marked documents are read with one query,
 * sent without waiting one by one (the idempotent producer keeps their order per partition, hence per
 * aggregate key), and removed with one bulk write once Kafka has acknowledged them. A failed send leaves
 * that document's entries and marker for the next sweep: an event may be published twice (consumers
 * deduplicate by id), never lost.
 */
public class OutboxRelay implements SmartLifecycle {

    static final int BATCH = 256;
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoDatabase database;
    private final KafkaTemplate<String, String> kafka;
    private final Duration sweepEvery;
    private final Queue<Marked> due = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private ScheduledExecutorService executor;

    public OutboxRelay(MongoDatabase database, KafkaTemplate<String, String> kafka, Duration sweepEvery) {
        this.database = database;
        this.kafka = kafka;
        this.sweepEvery = sweepEvery;
    }

    /** A document that has (or had) entries to publish. */
    private record Marked(String collection, String aggregateId) {
        String markerId() {
            return OutboxRelay.markerId(collection, aggregateId);
        }
    }

    static String markerId(String collection, String aggregateId) {
        return collection + "/" + aggregateId;
    }

    void schedule(String collection, String aggregateId) {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return; // the sweep at start finds it
        }
        due.add(new Marked(collection, aggregateId));
        if (draining.compareAndSet(false, true)) {
            current.execute(this::drain);
        }
    }

    private void drain() {
        draining.set(false); // from here on, a new schedule starts another drain
        var batch = new LinkedHashSet<Marked>();
        for (Marked next = due.poll(); next != null; next = due.poll()) {
            batch.add(next);
            if (batch.size() == BATCH) {
                relay(batch);
                batch.clear();
            }
        }
        relay(batch);
    }

    /** Publishes what is pending in every marked document; also run at start for a crash's leftovers. */
    public void sweep() {
        var batch = new LinkedHashSet<Marked>();
        for (Document marker : database.getCollection(Outbox.MARKERS).find()) {
            batch.add(new Marked(marker.getString("collection"), marker.getString("aggregateId")));
            if (batch.size() == BATCH) {
                relay(batch);
                batch.clear();
            }
        }
        relay(batch);
    }

    private void relay(LinkedHashSet<Marked> batch) {
        var byCollection = new LinkedHashMap<String, List<Marked>>();
        batch.forEach(m -> byCollection.computeIfAbsent(m.collection(), c -> new ArrayList<>()).add(m));
        byCollection.forEach((collection, marked) -> {
            try {
                relay(collection, marked);
            } catch (RuntimeException e) {
                log.warn("Outbox relay of {} documents of {} failed; the next sweep retries: {}", marked.size(),
                        collection, e.toString());
            }
        });
    }

    private void relay(String collection, List<Marked> marked) {
        var markers = database.getCollection(Outbox.MARKERS);
        var aggregates = database.getCollection(collection);
        // markers first: a writer marking a document again after this read keeps its marker (seq differs)
        Map<String, Object> seqs = new HashMap<>();
        markers.find(in("_id", marked.stream().map(Marked::markerId).toList()))
                .forEach(m -> seqs.put(m.getString("_id"), m.get("seq")));
        Map<String, List<Document>> pending = new HashMap<>();
        aggregates.find(in("_id", marked.stream().map(Marked::aggregateId).toList())).projection(include(Outbox.FIELD))
                .forEach(a -> pending.put(a.getString("_id"), a.getList(Outbox.FIELD, Document.class, List.of())));

        var sent = new LinkedHashMap<Marked, List<CompletableFuture<SendResult<String, String>>>>();
        for (Marked m : marked) {
            sent.put(m, pending.getOrDefault(m.aggregateId(), List.of()).stream().map(this::publish).toList());
        }
        var writes = new ArrayList<WriteModel<Document>>();
        var cleared = new ArrayList<WriteModel<Document>>();
        sent.forEach((m, sends) -> {
            if (!acknowledged(m, sends)) {
                return;
            }
            List<String> ids = pending.getOrDefault(m.aggregateId(), List.of()).stream().map(e -> e.getString("id")).toList();
            if (!ids.isEmpty()) {
                writes.add(new UpdateOneModel<>(eq("_id", m.aggregateId()),
                        pull(Outbox.FIELD, new Document("id", new Document("$in", ids)))));
            }
            Object seq = seqs.get(m.markerId());
            if (seq != null) {
                cleared.add(new DeleteOneModel<>(and(eq("_id", m.markerId()), eq("seq", seq))));
            }
        });
        if (!writes.isEmpty()) {
            aggregates.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        if (!cleared.isEmpty()) {
            markers.bulkWrite(cleared, new BulkWriteOptions().ordered(false));
        }
    }

    private boolean acknowledged(Marked m, List<CompletableFuture<SendResult<String, String>>> sends) {
        try {
            for (var send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Outbox relay of {} failed; the next sweep retries: {}", m.markerId(), e.toString());
            return false;
        }
    }

    private CompletableFuture<SendResult<String, String>> publish(Document entry) {
        String requestId = entry.getString("requestId");
        var record = EventRecords.of(entry.getString("topic"), entry.getString("key"), entry.getString("value"), requestId);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            log.debug("Publishing event {} to {}", entry.getString("id"), entry.getString("topic"));
            return kafka.send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
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
