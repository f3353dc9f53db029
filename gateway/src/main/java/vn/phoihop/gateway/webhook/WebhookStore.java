package vn.phoihop.gateway.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Webhooks in MongoDB (collection {@code webhooks}), and an in-memory snapshot of all of them for the intake,
 * which matches every event against every webhook: refreshed after each change made here and every few seconds,
 * for changes made by another gateway instance.
 */
class WebhookStore {

    private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(5);

    private final MongoCollection<Document> webhooks;
    private final Clock clock;
    private volatile List<Webhook> snapshot;
    private volatile Instant snapshotAt = Instant.MIN;

    WebhookStore(MongoDatabase database, Clock clock) {
        this.webhooks = database.getCollection("webhooks");
        this.clock = clock;
    }

    void insert(Webhook webhook) {
        webhooks.insertOne(toDocument(webhook));
        snapshotAt = Instant.MIN;
    }

    Optional<Webhook> find(String id) {
        return Optional.ofNullable(webhooks.find(Filters.eq("_id", id)).first()).map(WebhookStore::fromDocument);
    }

    /** A page in id order; {@code owner} {@code null} lists everyone's. */
    List<Webhook> page(String owner, String after, int limit) {
        var filters = new ArrayList<Bson>();
        if (owner != null) {
            filters.add(Filters.eq("owner", owner));
        }
        if (after != null) {
            filters.add(Filters.gt("_id", after));
        }
        return webhooks.find(filters.isEmpty() ? new Document() : Filters.and(filters)).sort(Sorts.ascending("_id"))
                .limit(limit).map(WebhookStore::fromDocument).into(new ArrayList<>());
    }

    boolean delete(String id) {
        boolean deleted = webhooks.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
        snapshotAt = Instant.MIN;
        return deleted;
    }

    /** Adds a new secret in front and lets the others sign only until {@code retireOthersAt}. */
    Webhook rotate(Webhook webhook, SigningSecret fresh, Instant retireOthersAt) {
        var secrets = new ArrayList<SigningSecret>();
        secrets.add(fresh);
        webhook.secrets().stream().filter(s -> s.signsAt(clock.instant()))
                .map(s -> s.retiresAt() == null || s.retiresAt().isAfter(retireOthersAt) ? s.retiringAt(retireOthersAt) : s)
                .forEach(secrets::add);
        webhooks.updateOne(Filters.eq("_id", webhook.id()),
                Updates.set("secrets", secrets.stream().map(WebhookStore::toDocument).toList()));
        snapshotAt = Instant.MIN;
        return new Webhook(webhook.id(), webhook.owner(), webhook.ownerUnitId(), webhook.url(), webhook.eventTypes(),
                webhook.programId(), webhook.unitId(), secrets, webhook.createdAt());
    }

    List<Webhook> all() {
        Instant now = clock.instant();
        if (snapshotAt.plus(SNAPSHOT_AGE).isBefore(now)) {
            snapshot = webhooks.find().map(WebhookStore::fromDocument).into(new ArrayList<>());
            snapshotAt = now;
        }
        return snapshot;
    }

    private static Document toDocument(Webhook webhook) {
        return new Document("_id", webhook.id()).append("owner", webhook.owner())
                .append("ownerUnitId", webhook.ownerUnitId()).append("url", webhook.url())
                .append("eventTypes", List.copyOf(webhook.eventTypes())).append("programId", webhook.programId())
                .append("unitId", webhook.unitId())
                .append("secrets", webhook.secrets().stream().map(WebhookStore::toDocument).toList())
                .append("createdAt", Date.from(webhook.createdAt()));
    }

    private static Document toDocument(SigningSecret secret) {
        return new Document("value", secret.value()).append("createdAt", Date.from(secret.createdAt()))
                .append("retiresAt", secret.retiresAt() == null ? null : Date.from(secret.retiresAt()));
    }

    private static Webhook fromDocument(Document d) {
        List<SigningSecret> secrets = d.getList("secrets", Document.class).stream()
                .map(s -> new SigningSecret(s.getString("value"), s.getDate("createdAt").toInstant(),
                        s.getDate("retiresAt") == null ? null : s.getDate("retiresAt").toInstant()))
                .toList();
        return new Webhook(d.getString("_id"), d.getString("owner"), d.getString("ownerUnitId"), d.getString("url"),
                new HashSet<>(d.getList("eventTypes", String.class)), d.getString("programId"), d.getString("unitId"),
                secrets, d.getDate("createdAt").toInstant());
    }
}
