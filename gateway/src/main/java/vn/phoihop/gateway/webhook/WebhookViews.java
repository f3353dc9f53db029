package vn.phoihop.gateway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What the webhook API answers. A secret appears only in {@link Registered} and {@link Rotated}, once. */
final class WebhookViews {

    private WebhookViews() {
    }

    record Registered(String id, String url, Set<String> eventTypes, String programId, String unitId, String secret,
            Instant createdAt) {
        @Override
        public String toString() {
            return "Registered[id=" + id + "]"; // never the secret
        }
    }

    record Rotated(String secret, Instant previousSecretsRetireAt) {
        @Override
        public String toString() {
            return "Rotated[previousSecretsRetireAt=" + previousSecretsRetireAt + "]";
        }
    }

    record SecretInfo(Instant createdAt, Instant retiresAt) {
    }

    record View(String id, String owner, String url, Set<String> eventTypes, String programId, String unitId,
            List<SecretInfo> secrets, Instant createdAt) {
    }

    record DeliveryView(String id, String messageId, String eventType, Delivery.Status status,
            List<Delivery.Attempt> attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    record Page<T>(List<T> items, String nextCursor) {
    }

    static Registered registered(Webhook webhook, SigningSecret secret) {
        return new Registered(webhook.id(), webhook.url(), webhook.eventTypes(), webhook.programId(), webhook.unitId(),
                secret.value(), webhook.createdAt());
    }

    static View view(Webhook webhook) {
        return new View(webhook.id(), webhook.owner(), webhook.url(), webhook.eventTypes(), webhook.programId(),
                webhook.unitId(), webhook.secrets().stream().map(s -> new SecretInfo(s.createdAt(), s.retiresAt())).toList(),
                webhook.createdAt());
    }

    static DeliveryView delivery(Delivery delivery) {
        return new DeliveryView(delivery.key(), delivery.messageId(), delivery.eventType(), delivery.status(),
                delivery.attempts(), delivery.createdAt(), delivery.nextAttemptAt(), delivery.deliveredAt());
    }
}
