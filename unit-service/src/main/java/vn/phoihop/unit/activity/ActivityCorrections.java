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
 * Corrections (đính chính): new figures with a reason make a new revision; the earlier ones stay readable. A
 * withdrawal is a correction to zero. Corrections come from the scope of the logging unit, of either agency; every
 * side the corrector does not speak for confirms the new revision again before it counts ({@link CoSigning}): the
 * other agencies' word covered the old figures, not the new ones.
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
                throw Scope.forbidden("Only a principal whose scope holds the logging unit corrects activity " + id
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
            Activity next = CoSigning.corrected(a, metrics, actor, now);
            return new ActivityChanges.Change(next, EventTypes.ACTIVITY_CORRECTED, correction.reason(),
                    new Revision(next.revision(), metrics, correction.reason(), now, actor.subject()));
        });
        log.info("Activity {} corrected to revision {} ({})", id, done.revision(), done.status());
        return done;
    }
}
