package vn.phoihop.unit.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.scope.Scope;

/**
 * Co-signing (đồng xác nhận): whose word each revision of an activity needs before its figures count. The sides are
 * the logging unit, for the agency that logged the activity, and each co-unit, for the agency it answers to. Whoever
 * logs or corrects speaks for the logging unit if it acts for that agency, and for no other side: after a correction
 * every other side confirms the new figures again, and until all have, the activity does not count. One principal
 * speaks for one side of a revision. So neither agency, nor one person, makes figures count alone (ADR 0009).
 */
final class CoSigning {

    private CoSigning() {
    }

    /** The activity at its next revision: confirmed for the logging unit if the corrector acts for its agency, else waiting. */
    static Activity corrected(Activity a, Map<String, BigDecimal> metrics, Actor actor, Instant now) {
        Activity.CoUnit logging = a.loggingUnit().agency() == actor.agency()
                ? a.loggingUnit().confirmedBy(actor.subject(), now) : a.loggingUnit().reopened();
        List<Activity.CoUnit> coUnits = a.coUnits().stream().map(Activity.CoUnit::reopened).toList();
        return a.corrected(metrics, logging, coUnits, statusOf(logging, coUnits), now);
    }

    /** Confirms the current revision for every waiting side the actor answers for. */
    static Activity confirmed(Activity a, Actor actor, Integer expectedRevision, Instant now) {
        Set<String> mine = answerable(a, actor, expectedRevision, "confirm");
        Activity.CoUnit logging = mine.contains(a.loggingUnit().unitId())
                ? a.loggingUnit().confirmedBy(actor.subject(), now) : a.loggingUnit();
        List<Activity.CoUnit> coUnits = a.coUnits().stream()
                .map(c -> mine.contains(c.unitId()) ? c.confirmedBy(actor.subject(), now) : c).toList();
        return a.with(logging, coUnits, statusOf(logging, coUnits), null, now);
    }

    /** Refuses the activity for good, by a side still waiting for the actor's agency. */
    static Activity rejected(Activity a, Actor actor, String reason, Integer expectedRevision, Instant now) {
        answerable(a, actor, expectedRevision, "reject");
        var rejection = new Activity.Rejection(actor.agency(), actor.subject(), now, reason);
        return a.with(a.loggingUnit(), a.coUnits(), ActivityStatus.REJECTED, rejection, now);
    }

    /** Counts once every side has confirmed the current revision; with no co-units that is its logging agency alone. */
    static ActivityStatus statusOf(Activity.CoUnit logging, List<Activity.CoUnit> coUnits) {
        if (!logging.confirmed() || !coUnits.stream().allMatch(Activity.CoUnit::confirmed)) {
            return ActivityStatus.AWAITING_CONFIRMATION;
        }
        return coUnits.isEmpty() ? ActivityStatus.SUBMITTED : ActivityStatus.CONFIRMED;
    }

    /** The units of the waiting sides this actor answers for; a clear refusal when there are none. */
    private static Set<String> answerable(Activity a, Actor actor, Integer expectedRevision, String verb) {
        if (a.status() == ActivityStatus.REJECTED) {
            throw ApiException.conflict("Activity " + a.id() + " was rejected; it can no longer be confirmed or rejected");
        }
        if (expectedRevision != null && expectedRevision != a.revision()) {
            throw ApiException.conflict("Activity " + a.id() + " is at revision " + a.revision() + ", not "
                    + expectedRevision + "; read its figures again before you " + verb + " them");
        }
        if (a.status().counts()) {
            throw ApiException.conflict(a.coUnits().isEmpty()
                    ? "Activity " + a.id() + " has no co-units and its logging agency's word stands: there is nothing to " + verb
                    : "Activity " + a.id() + " is already confirmed by every co-unit's agency");
        }
        if (actor.agency() == null) {
            throw Scope.forbidden("The token names no agency, so it cannot " + verb + " for one");
        }
        // the logging unit's side is the actor's to answer only while it waits; a co-unit's, whatever it holds
        var sides = new ArrayList<Activity.CoUnit>();
        if (!a.loggingUnit().confirmed()) {
            sides.add(a.loggingUnit());
        }
        sides.addAll(a.coUnits());
        var ofAgency = sides.stream().filter(c -> c.agency() == actor.agency() && actor.scope().covers(c.unitId())).toList();
        if (ofAgency.isEmpty()) {
            String agencies = sides.stream().filter(c -> !c.confirmed()).map(c -> c.agency().name()).distinct()
                    .collect(Collectors.joining(", "));
            throw Scope.forbidden("Only a principal of " + agencies + " (for a unit in its scope) can " + verb
                    + " activity " + a.id() + "; this token acts for " + actor.agency());
        }
        var waiting = ofAgency.stream().filter(c -> !c.confirmed()).map(Activity.CoUnit::unitId)
                .collect(Collectors.toSet());
        if (waiting.isEmpty()) {
            throw ApiException.conflict("Activity " + a.id() + " is already confirmed for " + actor.agency());
        }
        if (spokeFor(a, actor.subject())) {
            throw Scope.forbidden("This principal already logged, corrected or confirmed revision " + a.revision()
                    + " of activity " + a.id() + " for one side; another principal " + verb + "s it for the other");
        }
        return waiting;
    }

    private static boolean spokeFor(Activity a, String subject) {
        return subject.equals(a.loggingUnit().confirmedBy())
                || a.coUnits().stream().anyMatch(c -> subject.equals(c.confirmedBy()));
    }
}
