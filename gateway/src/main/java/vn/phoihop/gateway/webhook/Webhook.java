package vn.phoihop.gateway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import vn.phoihop.events.CloudEvent;

/**
 * A partner's subscription: where to send which events. {@code owner} is the subject that registered it and
 * {@code ownerUnitId} that subject's unit scope when it did ({@code null}: national): nothing outside that
 * subtree is ever sent, whatever the filters say.
 */
record Webhook(
        String id,
        String owner,
        String ownerUnitId,
        String url,
        Set<String> eventTypes,
        String programId,
        String unitId,
        List<SigningSecret> secrets,
        Instant createdAt) {

    Webhook {
        eventTypes = Set.copyOf(eventTypes);
        secrets = List.copyOf(secrets);
    }

    boolean wants(CloudEvent event) {
        return eventTypes.contains(event.type())
                && (programId == null || programId.equals(event.programid()))
                && (unitId == null || event.unitPath().contains(unitId))
                && (ownerUnitId == null || event.unitPath().contains(ownerUnitId));
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + ", owner=" + owner + ", eventTypes=" + eventTypes + "]"; // no URL, no secret
    }
}
