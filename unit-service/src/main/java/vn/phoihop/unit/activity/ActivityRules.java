package vn.phoihop.unit.activity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.unit.programview.ProgramView;
import vn.phoihop.unit.programview.mongo.ProgramViews;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * The domain rules an activity's content must meet, checked against this service's own units and its event-fed
 * view of programs (never a call to program-service), each refusal a 422 naming the field.
 *
 * <p>Enrolment is checked only for programs whose view lists enrolled units: programs activated before
 * {@code program.*.v1} carried {@code enrolledUnitIds}, and programs that enrolled nobody yet, accept every unit.
 */
@Component
public class ActivityRules {

    private final UnitRegistry units;
    private final ProgramViews programs;
    private final Clock clock;

    public ActivityRules(UnitRegistry units, ProgramViews programs, ZoneId zone, Clock clock) {
        this.units = units;
        this.programs = programs;
        this.clock = clock.withZone(zone);
    }

    /** The program, if it is ACTIVE, its period covers {@code on} (not in the future) and it knows every metric. */
    public ProgramView programAccepting(String programId, LocalDate on, Map<String, BigDecimal> metrics) {
        ProgramView program = programs.find(programId).orElseThrow(() -> ApiException.rejected(
                "Program " + programId + " is unknown here", new FieldError("programId", "unknown program")));
        if (!program.active()) {
            throw ApiException.rejected("Program " + program.id() + " is " + program.status() + ", not ACTIVE",
                    new FieldError("programId", "not active"));
        }
        if (on.isAfter(LocalDate.now(clock))) {
            throw ApiException.rejected("An activity cannot be logged before it happens",
                    new FieldError("occurredOn", "is in the future"));
        }
        if (!program.covers(on)) {
            throw ApiException.rejected("The program runs from " + program.startsOn() + " to " + program.endsOn(),
                    new FieldError("occurredOn", "outside the program's period"));
        }
        var unknown = new TreeSet<>(metrics.keySet());
        unknown.removeAll(program.indicatorCodes());
        if (!unknown.isEmpty()) {
            throw ApiException.rejected("The program has no indicator " + String.join(", ", unknown), unknown.stream()
                    .map(code -> new FieldError("metrics." + code, "unknown indicator")).toArray(FieldError[]::new));
        }
        return program;
    }

    /**
     * The unit, if it exists, is valid on {@code on} (not yet created, or merged away, is refused) and takes part in
     * the program: it or an ancestor is enrolled, in the tree as it stood on {@code on} or as it stands today.
     */
    public Unit unitOn(ProgramView program, String unitId, LocalDate on, String field) {
        Unit unit = units.find(unitId).orElseThrow(() -> ApiException.rejected("Unit " + unitId + " does not exist",
                new FieldError(field, "unknown unit")));
        if (!unit.validOn(on)) {
            throw ApiException.rejected("Unit " + unitId + " did not exist as such on " + on
                    + (unit.successorIds().isEmpty() ? "" : "; it was merged into " + unit.successorIds()),
                    new FieldError(field, "not valid on occurredOn"));
        }
        var paths = new HashSet<>(unit.path());
        units.find(unitId, on).ifPresent(then -> paths.addAll(then.path()));
        if (!program.enrolls(paths)) {
            throw ApiException.rejected("Unit " + unitId + " is not enrolled in program " + program.id()
                    + ", nor is any unit above it", new FieldError(field, "not enrolled in the program"));
        }
        return unit;
    }

    /** The co-units, each valid on the date, none the unit itself nor named twice, with the agency each answers to. */
    public List<Unit> coUnits(ProgramView program, String unitId, List<String> coUnitIds, LocalDate on) {
        var seen = new HashSet<String>();
        var found = new ArrayList<Unit>();
        for (String coUnitId : coUnitIds) {
            if (coUnitId.equals(unitId)) {
                throw ApiException.rejected("A unit cannot be its own co-unit", new FieldError("coUnitIds", "contains unitId"));
            }
            if (!seen.add(coUnitId)) {
                throw ApiException.rejected("Co-unit " + coUnitId + " is named twice", new FieldError("coUnitIds", "duplicate"));
            }
            found.add(unitOn(program, coUnitId, on, "coUnitIds"));
        }
        return found;
    }

    public java.time.Instant now() {
        return clock.instant();
    }
}
