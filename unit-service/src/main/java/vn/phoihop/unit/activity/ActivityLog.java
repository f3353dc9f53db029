package vn.phoihop.unit.activity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventTypes;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.activity.mongo.ActivityStore;
import vn.phoihop.unit.programview.ProgramView;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Logs activities and reads them back. A creation is one insert of the activity with its
 * {@code activity.submitted.v1} in its outbox; its id is the client's, or derived from the caller's
 * {@code Idempotency-Key}, so a retry collides with the first insert instead of logging the activity twice.
 */
@Service
public class ActivityLog {

    private static final Logger log = LoggerFactory.getLogger(ActivityLog.class);

    private final ActivityStore store;
    private final ActivityRules rules;
    private final ActivityEvents events;
    private final UnitRegistry units;

    public ActivityLog(ActivityStore store, ActivityRules rules, ActivityEvents events, UnitRegistry units) {
        this.store = store;
        this.rules = rules;
        this.events = events;
        this.units = units;
    }

    /** The activity and whether it was logged by an earlier request (a retry, answered the same way). */
    public record Logged(Activity activity, boolean replayed) {
    }

    /** Logs an activity for a unit of the caller's scope (403 otherwise); its co-units may lie outside. */
    public Logged log(NewActivity input, Actor actor, String idempotencyKey) {
        actor.scope().checkReference("unitId", input.unitId());
        String id = input.id() != null ? input.id()
                : idempotencyKey != null ? Idempotency.activityId(actor.subject(), idempotencyKey)
                : UUID.randomUUID().toString();
        String fingerprint = Idempotency.fingerprint(input);
        // a retry is answered before the rules, which may refuse it by now (the program concluded meanwhile)
        Optional<ActivityStore.Stored> earlier = store.load(id);
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint, input);
        }
        ProgramView program = rules.programAccepting(input.programId(), input.occurredOn(), input.metrics());
        Unit unit = rules.unitOn(program, input.unitId(), input.occurredOn(), "unitId");
        List<Unit> coUnits = rules.coUnits(program, unit.id(), input.coUnitIds(), input.occurredOn());
        var status = coUnits.isEmpty() ? ActivityStatus.SUBMITTED : ActivityStatus.AWAITING_CONFIRMATION;
        var now = rules.now();
        var activity = new Activity(id, program.id(), unit.id(), unit.ancestorIds(), List.copyOf(input.coUnitIds()),
                coUnits.stream().map(u -> new Activity.CoUnit(u.id(), Agency.of(u.kind()), null, null)).toList(),
                // logging is the logging agency's word on revision 1; a token without an agency speaks for the unit's
                new Activity.CoUnit(unit.id(), actor.agency() != null ? actor.agency() : Agency.of(unit.kind()),
                        actor.subject(), now),
                input.type(), input.occurredOn(), input.title(), input.description(), Map.copyOf(input.metrics()),
                status, 1, 1, null, now, actor.subject(), now);
        var visibleTo = new LinkedHashSet<>(unit.path());
        coUnits.forEach(u -> visibleTo.addAll(u.path()));
        var first = new Revision(1, activity.metrics(), null, now, actor.subject());
        Optional<ActivityStore.Stored> raced = store.insert(activity, first, List.copyOf(visibleTo), fingerprint,
                events.of(EventTypes.ACTIVITY_SUBMITTED, activity, null));
        if (raced.isPresent()) {
            return replay(raced.get(), fingerprint, input);
        }
        log.info("Activity {} logged under program {} for unit {} ({})", id, program.id(), unit.id(), status);
        return new Logged(activity, false);
    }

    private static Logged replay(ActivityStore.Stored earlier, String fingerprint, NewActivity input) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw ApiException.conflict(input.id() != null
                    ? "Activity " + input.id() + " already exists with other content; nothing was stored"
                    : "This Idempotency-Key was already used for a different request; nothing was stored");
        }
        log.info("Activity {} was already logged by an earlier request", earlier.activity().id());
        return new Logged(earlier.activity(), true);
    }

    /** The activity, if visible in the scope: its unit or one of its co-units lies there. */
    public Optional<Activity> find(String id, Scope scope) {
        return store.find(id).filter(a -> a.visibleIn(scope));
    }

    public List<Revision> revisions(String id, Scope scope) {
        find(id, scope).orElseThrow(() -> ApiException.notFound("Activity", id));
        return store.revisions(id).orElseThrow(() -> ApiException.notFound("Activity", id));
    }

    /**
     * The names of the activities' units and co-units, by id: a co-unit may lie outside the reader's scope (the
     * commune's police for its Front committee), where the unit API answers 404, yet the reader must see who it is.
     * Names only, of units the activities already name.
     */
    public Map<String, String> unitNames(List<Activity> activities) {
        var names = new TreeMap<String, String>();
        activities.forEach(a -> {
            names.computeIfAbsent(a.unitId(), this::nameOf);
            a.coUnitIds().forEach(id -> names.computeIfAbsent(id, this::nameOf));
        });
        return names;
    }

    private String nameOf(String unitId) {
        return units.find(unitId).map(Unit::name).orElse(null);
    }

    /** A page of the activities visible in the scope; a {@code unitId} filter outside it is refused (403). */
    public ActivityPage list(ActivityQuery query, Scope scope) {
        scope.checkFilter("unitId", query.unitId());
        List<Activity> found = store.list(query, scope.unitIds());
        if (found.size() <= query.limit()) {
            return new ActivityPage(found, null);
        }
        List<Activity> page = found.subList(0, query.limit());
        Activity last = page.get(page.size() - 1);
        return new ActivityPage(page, new ActivityQuery.PageKey(last.occurredOn(), last.id()));
    }
}
