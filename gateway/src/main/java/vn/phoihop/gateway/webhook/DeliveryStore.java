package vn.phoihop.gateway.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import vn.phoihop.events.CloudEvent;

/**
 * Deliveries in MongoDB, so none is lost when the gateway stops: {@code webhook_deliveries} is the log (every
 * delivery with its attempts, kept), {@code webhook_queue} holds only those still to be attempted, with when
 * ({@code dueAt}). The queue stays small, so finding what is due never scans the log.
 *
 * <p>Claiming a due entry moves its {@code dueAt} forward by a lease: a gateway that dies in the middle of an
 * attempt leaves the entry to be picked up again once the lease has passed, by itself or another instance.
 */
class DeliveryStore {

    private final MongoCollection<Document> log;
    private final MongoCollection<Document> queue;

    DeliveryStore(MongoDatabase database) {
        this.log = database.getCollection("webhook_deliveries");
        this.queue = database.getCollection("webhook_queue");
    }

    /** Idempotent: the same event for the same webhook (a Kafka redelivery) is one delivery. */
    void enqueue(Webhook webhook, CloudEvent event, String body, Instant now) {
        String id = Delivery.idOf(webhook.id(), event);
        log.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.setOnInsert("webhookId", webhook.id()), Updates.setOnInsert("messageId", event.id()),
                Updates.setOnInsert("eventType", event.type()), Updates.setOnInsert("body", body),
                Updates.setOnInsert("status", Delivery.Status.PENDING.name()),
                Updates.setOnInsert("attempts", List.of()), Updates.setOnInsert("createdAt", Date.from(now)),
                Updates.setOnInsert("windowStart", Date.from(now)), Updates.setOnInsert("nextAttemptAt", Date.from(now))),
                new UpdateOptions().upsert(true));
        Document stored = log.find(Filters.eq("_id", id)).projection(new Document("status", 1)).first();
        if (stored != null && Delivery.Status.PENDING.name().equals(stored.getString("status"))) {
            queue.updateOne(Filters.eq("_id", id), Updates.setOnInsert("dueAt", Date.from(now)),
                    new UpdateOptions().upsert(true));
        }
    }

    /** Up to {@code max} due deliveries, each leased to the caller for {@code lease}. */
    List<String> claimDue(Instant now, Duration lease, int max) {
        var claimed = new ArrayList<String>();
        for (Document due : queue.find(Filters.lte("dueAt", Date.from(now))).sort(Sorts.ascending("dueAt")).limit(max)) {
            Document won = queue.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", due.getString("_id")), Filters.lte("dueAt", Date.from(now))),
                    Updates.set("dueAt", Date.from(now.plus(lease))), new FindOneAndUpdateOptions());
            if (won != null) {
                claimed.add(won.getString("_id"));
            }
        }
        return claimed;
    }

    Optional<Delivery> find(String id) {
        return Optional.ofNullable(log.find(Filters.eq("_id", id)).first()).map(DeliveryStore::fromDocument);
    }

    void delivered(String id, Delivery.Attempt attempt) {
        log.updateOne(Filters.eq("_id", id), Updates.combine(Updates.push("attempts", toDocument(attempt)),
                Updates.set("status", Delivery.Status.DELIVERED.name()), Updates.set("deliveredAt", Date.from(attempt.at())),
                Updates.set("nextAttemptAt", null)));
        queue.deleteOne(Filters.eq("_id", id));
    }

    void retryAt(String id, Delivery.Attempt attempt, Instant next) {
        log.updateOne(Filters.eq("_id", id), Updates.combine(Updates.push("attempts", toDocument(attempt)),
                Updates.set("nextAttemptAt", Date.from(next))));
        queue.updateOne(Filters.eq("_id", id), Updates.set("dueAt", Date.from(next)));
    }

    /** Gives up (the retry window has passed, or the webhook is gone); {@link #redeliver} starts it again. */
    void park(String id, Delivery.Attempt attempt) {
        var updates = new ArrayList<Bson>(List.of(Updates.set("status", Delivery.Status.FAILED.name()),
                Updates.set("nextAttemptAt", null)));
        if (attempt != null) {
            updates.add(Updates.push("attempts", toDocument(attempt)));
        }
        log.updateOne(Filters.eq("_id", id), Updates.combine(updates));
        queue.deleteOne(Filters.eq("_id", id));
    }

    /** Sends it again, with the same {@code webhook-id}, and a fresh retry window. */
    void redeliver(String id, Instant now) {
        log.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("status", Delivery.Status.PENDING.name()),
                Updates.set("windowStart", Date.from(now)), Updates.set("nextAttemptAt", Date.from(now)),
                Updates.set("deliveredAt", null)));
        try {
            queue.updateOne(Filters.eq("_id", id), Updates.set("dueAt", Date.from(now)), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** A webhook's deliveries, newest first; {@code after} is the last id of the previous page. */
    List<Delivery> page(String webhookId, Delivery.Status status, String after, int limit) {
        var filters = new ArrayList<Bson>(List.of(Filters.eq("webhookId", webhookId)));
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (after != null) {
            filters.add(Filters.lt("_id", after));
        }
        return log.find(Filters.and(filters)).sort(Sorts.descending("_id")).limit(limit)
                .map(DeliveryStore::fromDocument).into(new ArrayList<>());
    }

    private static Document toDocument(Delivery.Attempt attempt) {
        return new Document("at", Date.from(attempt.at())).append("statusCode", attempt.statusCode())
                .append("latencyMs", attempt.latencyMs()).append("error", attempt.error());
    }

    private static Delivery fromDocument(Document d) {
        List<Delivery.Attempt> attempts = d.getList("attempts", Document.class).stream()
                .map(a -> new Delivery.Attempt(a.getDate("at").toInstant(), a.getInteger("statusCode"),
                        ((Number) a.get("latencyMs")).longValue(), a.getString("error")))
                .toList();
        return new Delivery(d.getString("_id"), d.getString("webhookId"), d.getString("messageId"),
                d.getString("eventType"), d.getString("body"), Delivery.Status.valueOf(d.getString("status")), attempts,
                instant(d, "createdAt"), instant(d, "windowStart"), instant(d, "nextAttemptAt"), instant(d, "deliveredAt"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
