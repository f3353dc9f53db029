package vn.phoihop.gateway.webhook;

import java.time.Instant;
import java.util.List;
import vn.phoihop.events.CloudEvent;

/**
 * One event for one webhook, with every attempt made to deliver it. Its {@code messageId} — the event's id — is
 * the {@code webhook-id} header of every attempt, so a partner deduplicates retries and redeliveries by it.
 *
 * @param windowStart when the current run of retries began (creation, or the last manual redelivery)
 */
record Delivery(
        String id,
        String webhookId,
        String messageId,
        String eventType,
        String body,
        Status status,
        List<Attempt> attempts,
        Instant createdAt,
        Instant windowStart,
        Instant nextAttemptAt,
        Instant deliveredAt) {

    enum Status { PENDING, DELIVERED, FAILED }

    /**
     * @param statusCode the partner's HTTP status, {@code null} when no answer came
     * @param error      why it failed, when it did: a refused target, a timeout, a refused connection, a status
     */
    record Attempt(Instant at, Integer statusCode, long latencyMs, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    /**
     * {@code <webhookId>/<event time, ms, 13 digits>-<event id>}: the same for a redelivered event (so intake is
     * idempotent), and in event-time order within a webhook (so the log pages newest first by id alone).
     */
    static String idOf(String webhookId, CloudEvent event) {
        long millis = event.time() == null ? 0 : event.time().toEpochMilli();
        return webhookId + "/" + String.format("%013d", millis) + "-" + event.id();
    }

    /** The id as the API shows it, under its webhook's path. */
    String key() {
        return id.substring(webhookId.length() + 1);
    }

    @Override
    public String toString() {
        return "Delivery[id=" + id + ", status=" + status + ", attempts=" + attempts.size() + "]"; // never the body
    }
}
