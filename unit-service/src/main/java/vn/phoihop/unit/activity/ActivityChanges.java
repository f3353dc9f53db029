package vn.phoihop.unit.activity;

import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import vn.phoihop.events.EventType;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.activity.mongo.ActivityStore;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Applies a change to an activity the only way that is safe without transactions: read it, decide, and write the
 * new state, its event and the request's idempotency record in one update that holds only if the version read is
 * still the stored one. A writer that lost the race reads again and decides again, so two concurrent confirmations
 * cannot both win, and a repeat of a request with the same {@code Idempotency-Key} finds its record and changes nothing.
 */
@Component
public class ActivityChanges {

    private static final int ATTEMPTS = 5;

    private final ActivityStore store;
    private final ActivityEvents events;
    private final UnitRegistry units;

    public ActivityChanges(ActivityStore store, ActivityEvents events, UnitRegistry units) {
        this.store = store;
        this.events = events;
        this.units = units;
    }

    /** What a request does: the new state, the event that says so, and the revision it adds (corrections only). */
    public record Change(Activity next, EventType<ActivityState> type, String reason, Revision revision) {
    }

    /** Who asks, with which key (or {@code null}) and a fingerprint of what they ask. */
    public record Request(Actor actor, String idempotencyKey, String fingerprint) {
    }

    /** Applies a change to an activity visible in the actor's scope; one that is not is not found. */
    public Activity apply(String id, Request request, Function<Activity, Change> decide) {
        String slot = request.idempotencyKey() == null ? null
                : Idempotency.requestSlot(request.actor().subject(), request.idempotencyKey());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ActivityStore.Stored stored = store.load(id).filter(s -> s.activity().visibleIn(request.actor().scope()))
                    .orElseThrow(() -> ApiException.notFound("Activity", id));
            Optional<Activity> replayed = replay(stored, slot, request.fingerprint());
            if (replayed.isPresent()) {
                return replayed.get();
            }
            Change change = decide.apply(withLoggingUnit(stored.activity()));
            var event = events.of(change.type(), change.next(), change.reason());
            if (store.update(stored.activity().version(), change.next(), event, change.revision(), slot,
                    request.fingerprint())) {
                return change.next();
            }
        }
        throw ApiException.conflict("Activity " + id + " kept changing while this request was applied; read it and retry");
    }

    /**
     * An activity stored before the logging unit had a side gets one: the agency its unit's kind answers to, and the
     * word of whoever logged it on its current revision.
     */
    private Activity withLoggingUnit(Activity a) {
        if (a.loggingUnit() != null) {
            return a;
        }
        Agency agency = units.find(a.unitId()).map(Unit::kind).map(Agency::of).orElse(Agency.OTHER);
        return a.withLoggingUnit(new Activity.CoUnit(a.unitId(), agency, a.createdBy(), a.createdAt()));
    }

    private static Optional<Activity> replay(ActivityStore.Stored stored, String slot, String fingerprint) {
        if (slot == null || !stored.requests().containsKey(slot)) {
            return Optional.empty();
        }
        if (!stored.requests().get(slot).equals(fingerprint)) {
            throw ApiException.conflict("This Idempotency-Key was already used for a different request; nothing changed");
        }
        return Optional.of(stored.activity());
    }
}
