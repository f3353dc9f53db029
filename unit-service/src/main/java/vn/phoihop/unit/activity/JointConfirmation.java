package vn.phoihop.unit.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventTypes;

/**
 * Confirmation (xác nhận) of an activity's current revision by a side still waiting for it: each co-unit, by a
 * principal of the agency it answers to and, if the token is bound to a unit, whose subtree holds it; and the logging
 * unit, after another agency corrected the figures. The last confirmation makes it count; one rejection, with a
 * reason, ends it. Who may speak for which side is {@link CoSigning}'s rule.
 */
@Service
public class JointConfirmation {

    private static final Logger log = LoggerFactory.getLogger(JointConfirmation.class);

    private final ActivityChanges changes;
    private final ActivityRules rules;

    public JointConfirmation(ActivityChanges changes, ActivityRules rules) {
        this.changes = changes;
        this.rules = rules;
    }

    /** @param expectedRevision the revision the caller confirms, or {@code null} for whatever is current */
    public Activity confirm(String id, Actor actor, Integer expectedRevision, String idempotencyKey) {
        var request = new ActivityChanges.Request(actor, idempotencyKey, expectedRevision == null
                ? Idempotency.digest("confirm") : Idempotency.digest("confirm", expectedRevision));
        Activity done = changes.apply(id, request, a -> new ActivityChanges.Change(
                CoSigning.confirmed(a, actor, expectedRevision, rules.now()), EventTypes.ACTIVITY_CONFIRMED, null, null));
        log.info("Activity {} confirmed for {} (now {})", id, actor.agency(), done.status());
        return done;
    }

    public Activity reject(String id, String reason, Integer expectedRevision, Actor actor, String idempotencyKey) {
        var request = new ActivityChanges.Request(actor, idempotencyKey, expectedRevision == null
                ? Idempotency.digest("reject", reason) : Idempotency.digest("reject", reason, expectedRevision));
        Activity done = changes.apply(id, request, a -> new ActivityChanges.Change(
                CoSigning.rejected(a, actor, reason, expectedRevision, rules.now()), EventTypes.ACTIVITY_REJECTED, reason,
                null));
        log.info("Activity {} rejected for {}", id, actor.agency());
        return done;
    }
}
