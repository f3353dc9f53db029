package vn.phoihop.unit.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventTypes;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.scope.Scope;

/**
 * Corrections (đính chính): new figures with a reason make a new revision; the earlier ones stay readable and
 * progress moves by the difference. A withdrawal is a correction to zero. A joint activity whose correction raises
 * any figure goes back to its co-units for confirmation: their word covered the old figures, not the new ones.
 */
@Service
public class ActivityCorrections {

    private static final Logger log = LoggerFactory.getLogger(ActivityCorrections.class);

    private final ActivityChanges changes;
    private final ActivityRules rules;

    public ActivityCorrections(ActivityChanges changes, ActivityRules rules) {
        this.changes = changes;
        this.rules = rules;
    }

    /** @param expectedRevision the revision the caller corrects, or {@code null} to correct whatever is current */
    public record Correction(Map<String, BigDecimal> metrics, String reason, Integer expectedRevision) {
    }

    public Activity correct(String id, Correction correction, Actor actor, String idempotencyKey) {
        var request = new ActivityChanges.Request(actor, idempotencyKey, Idempotency.digest("correct",
                Idempotency.canonical(correction.metrics()), correction.reason(), correction.expectedRevision()));
        Activity done = changes.apply(id, request, a -> {
            if (!actor.scope().covers(a.unitId())) {
                throw Scope.forbidden("Only the logging unit's side corrects activity " + id
                        + "; a co-unit confirms or rejects it");
            }
            if (correction.expectedRevision() != null && correction.expectedRevision() != a.revision()) {
                throw ApiException.conflict("Activity " + id + " is at revision " + a.revision() + ", not "
                        + correction.expectedRevision() + "; read it again before correcting it");
            }
            if (a.status() == ActivityStatus.REJECTED) {
                throw ApiException.conflict("Activity " + id + " was rejected and never counts; log a new activity instead");
            }
            rules.programAccepting(a.programId(), a.occurredOn(), correction.metrics());
            Instant now = rules.now();
            var metrics = Map.copyOf(correction.metrics());
            var next = raisesAny(a.metrics(), metrics) && !a.coUnits().isEmpty()
                    ? a.corrected(metrics, a.coUnits().stream()
                            .map(c -> new Activity.CoUnit(c.unitId(), c.agency(), null, null)).toList(),
                            ActivityStatus.AWAITING_CONFIRMATION, now)
                    : a.corrected(metrics, a.coUnits(), a.status(), now);
            return new ActivityChanges.Change(next, EventTypes.ACTIVITY_CORRECTED, correction.reason(),
                    new Revision(next.revision(), metrics, correction.reason(), now, actor.subject()));
        });
        log.info("Activity {} corrected to revision {} ({})", id, done.revision(), done.status());
        return done;
    }

    static boolean raisesAny(Map<String, BigDecimal> before, Map<String, BigDecimal> after) {
        return after.entrySet().stream().anyMatch(e -> e.getValue().compareTo(before.getOrDefault(e.getKey(), BigDecimal.ZERO)) > 0);
    }
}
