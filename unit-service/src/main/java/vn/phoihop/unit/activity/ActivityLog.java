package vn.phoihop.unit.activity;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.unit.activity.mongo.ActivityStore;
import vn.phoihop.unit.programview.ProgramView;
import vn.phoihop.unit.programview.mongo.ProgramViews;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Logs activities. Every check uses this service's own data and its event-fed view of programs, so
 * logging works while program-service is down.
 */
@Service
public class ActivityLog {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ActivityLog.class);

    private final ActivityStore store;
    private final UnitRegistry units;
    private final ProgramViews programs;
    private final EventCodec events;
    private final Clock clock;

    public ActivityLog(ActivityStore store, UnitRegistry units, ProgramViews programs, EventCodec events,
            java.time.ZoneId zone, Clock clock) {
        this.store = store;
        this.units = units;
        this.programs = programs;
        this.events = events;
        this.clock = clock.withZone(zone);
    }

    public record NewActivity(String programId, String unitId, List<String> coUnitIds, ActivityType type,
            LocalDate occurredOn, String title, String description, Map<String, Double> metrics) {
    }

    public Activity log(NewActivity input, String principal) {
        ProgramView program = programs.find(input.programId()).orElseThrow(() -> ApiException.rejected(
                "Program " + input.programId() + " is unknown here", new FieldError("programId", "unknown program")));
        checkProgramAccepts(program, input);
        Unit unit = validUnit(input.unitId(), input.occurredOn(), "unitId");
        for (String coUnitId : input.coUnitIds()) {
            if (coUnitId.equals(input.unitId())) {
                throw ApiException.rejected("A unit cannot be its own co-unit", new FieldError("coUnitIds", "contains unitId"));
            }
            validUnit(coUnitId, input.occurredOn(), "coUnitIds");
        }
        var status = input.coUnitIds().isEmpty() ? ActivityStatus.SUBMITTED : ActivityStatus.AWAITING_CONFIRMATION;
        var activity = new Activity(UUID.randomUUID().toString(), program.id(), unit.id(), unit.ancestorIds(),
                List.copyOf(input.coUnitIds()), input.type(), input.occurredOn(), input.title(), input.description(),
                Map.copyOf(input.metrics()), status, 1, clock.instant(), principal);
        var submitted = events.create(EventTypes.ACTIVITY_SUBMITTED, activity.id(), activity.id(), program.id(),
                unit.path(), new ActivityState(activity.id(), 1, program.id(), unit.id(), unit.ancestorIds(),
                        activity.coUnitIds(), input.type().name(), input.occurredOn(), activity.metrics(),
                        status.name(), status.counts()));
        store.insert(activity, submitted);
        log.info("Activity {} logged under program {} for unit {} ({})", activity.id(), program.id(), unit.id(), status);
        return activity;
    }

    public Optional<Activity> find(String id) {
        return store.find(id);
    }

    private void checkProgramAccepts(ProgramView program, NewActivity input) {
        if (!program.active()) {
            throw ApiException.rejected("Program " + program.id() + " is " + program.status() + ", not ACTIVE",
                    new FieldError("programId", "not active"));
        }
        if (input.occurredOn().isAfter(LocalDate.now(clock))) {
            throw ApiException.rejected("An activity cannot be logged before it happens",
                    new FieldError("occurredOn", "is in the future"));
        }
        if (!program.covers(input.occurredOn())) {
            throw ApiException.rejected("The program runs from " + program.startsOn() + " to " + program.endsOn(),
                    new FieldError("occurredOn", "outside the program's period"));
        }
        var unknown = new TreeSet<>(input.metrics().keySet());
        unknown.removeAll(program.indicatorCodes());
        if (!unknown.isEmpty()) {
            throw ApiException.rejected("The program has no indicator " + String.join(", ", unknown),
                    unknown.stream().map(code -> new FieldError("metrics." + code, "unknown indicator")).toArray(FieldError[]::new));
        }
    }

    private Unit validUnit(String unitId, LocalDate on, String field) {
        Unit unit = units.find(unitId).orElseThrow(() -> ApiException.rejected("Unit " + unitId + " does not exist",
                new FieldError(field, "unknown unit")));
        if (!unit.validOn(on)) {
            throw ApiException.rejected("Unit " + unitId + " did not exist as such on " + on,
                    new FieldError(field, "not valid on occurredOn"));
        }
        return unit;
    }

}
