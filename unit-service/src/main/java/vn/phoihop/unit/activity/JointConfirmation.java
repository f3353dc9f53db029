package vn.phoihop.unit.activity;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventTypes;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.scope.Scope;

/**
 * Confirmation (xác nhận) of joint activities: one for each co-unit, by a principal of the agency that co-unit
 * answers to and, if the token is bound to a unit, whose subtree holds the co-unit. A police principal cannot
 * confirm for the Front, and whoever logged the activity cannot confirm it: neither agency claims it alone. The
 * last confirmation makes it CONFIRMED (it counts from then on); one rejection, with a reason, ends it.
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

    public Activity confirm(String id, Actor actor, String idempotencyKey) {
        var request = new ActivityChanges.Request(actor, idempotencyKey, Idempotency.digest("confirm"));
        Activity done = changes.apply(id, request, a -> {
            List<Activity.CoUnit> mine = answerableBy(actor, a, "confirm");
            Instant now = rules.now();
            var coUnits = a.coUnits().stream()
                    .map(c -> mine.contains(c) ? new Activity.CoUnit(c.unitId(), c.agency(), actor.subject(), now) : c)
                    .toList();
            var status = coUnits.stream().allMatch(Activity.CoUnit::confirmed) ? ActivityStatus.CONFIRMED
                    : ActivityStatus.AWAITING_CONFIRMATION;
            return new ActivityChanges.Change(a.with(coUnits, status, null, now), EventTypes.ACTIVITY_CONFIRMED, null, null);
        });
        log.info("Activity {} confirmed for {} (now {})", id, actor.agency(), done.status());
        return done;
    }

    public Activity reject(String id, String reason, Actor actor, String idempotencyKey) {
        var request = new ActivityChanges.Request(actor, idempotencyKey, Idempotency.digest("reject", reason));
        Activity done = changes.apply(id, request, a -> {
            answerableBy(actor, a, "reject");
            Instant now = rules.now();
            var rejection = new Activity.Rejection(actor.agency(), actor.subject(), now, reason);
            return new ActivityChanges.Change(a.with(a.coUnits(), ActivityStatus.REJECTED, rejection, now),
                    EventTypes.ACTIVITY_REJECTED, reason, null);
        });
        log.info("Activity {} rejected for {}", id, actor.agency());
        return done;
    }

    /** The co-units still waiting that this actor answers for; a clear refusal when there are none. */
    private List<Activity.CoUnit> answerableBy(Actor actor, Activity a, String verb) {
        switch (a.status()) {
            case SUBMITTED -> throw ApiException.conflict("Activity " + a.id() + " has no co-units: there is nothing to " + verb);
            case CONFIRMED -> throw ApiException.conflict("Activity " + a.id() + " is already confirmed by every co-unit's agency");
            case REJECTED -> throw ApiException.conflict("Activity " + a.id() + " was rejected; it can no longer be confirmed or rejected");
            default -> { }
        }
        if (actor.agency() == null) {
            throw Scope.forbidden("The token names no agency, so it cannot " + verb + " for one");
        }
        if (actor.subject().equals(a.createdBy())) {
            throw Scope.forbidden("Whoever logged a joint activity cannot " + verb + " it: a co-unit's agency does");
        }
        var ofAgency = a.coUnits().stream()
                .filter(c -> c.agency() == actor.agency() && actor.scope().covers(c.unitId())).toList();
        if (ofAgency.isEmpty()) {
            String agencies = a.coUnits().stream().map(c -> c.agency().name()).distinct().collect(Collectors.joining(", "));
            throw Scope.forbidden("Only a principal of " + agencies + " (for a co-unit in its scope) can " + verb
                    + " activity " + a.id() + "; this token acts for " + actor.agency());
        }
        var waiting = ofAgency.stream().filter(c -> !c.confirmed()).toList();
        if (waiting.isEmpty()) {
            throw ApiException.conflict("Activity " + a.id() + " is already confirmed for " + actor.agency());
        }
        return waiting;
    }
}
