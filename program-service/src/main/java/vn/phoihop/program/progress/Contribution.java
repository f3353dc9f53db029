package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.phoihop.events.activity.ActivityState;

/**
 * What one activity adds to the counters at a given version: its counted metrics, on its unit path (ancestors then
 * the unit, root first) and date. Counters always equal the sum of the stored contributions, so an event moves them
 * by the difference between the new contribution and the stored one, whatever happened to the activity in between.
 */
public record Contribution(String activityId, int version, String programId, List<String> unitPath,
        LocalDate occurredOn, Map<String, BigDecimal> counted) {

    public static Contribution of(ActivityState activity) {
        var path = new ArrayList<>(activity.ancestorIds());
        path.add(activity.unitId());
        return new Contribution(activity.activityId(), activity.version(), activity.programId(), List.copyOf(path),
                activity.occurredOn(), Map.copyOf(activity.counted()));
    }

    /** True if this contribution replaces {@code stored}: there is none yet, or this one is of a later version. */
    public boolean supersedes(Contribution stored) {
        return stored == null || version > stored.version;
    }

    /**
     * The change of every counter, by id, when {@code stored} (null: none) is replaced by this contribution.
     * Decimal, so that the same contributions give the same counters in any order of arrival. Zero changes are left out.
     */
    public Map<String, BigDecimal> deltaFrom(Contribution stored) {
        var delta = new LinkedHashMap<String, BigDecimal>();
        if (stored != null) {
            stored.amounts().forEach((id, amount) -> delta.merge(id, amount.negate(), BigDecimal::add));
        }
        amounts().forEach((id, amount) -> delta.merge(id, amount, BigDecimal::add));
        delta.values().removeIf(amount -> amount.signum() == 0);
        return delta;
    }

    /** Each counted metric on the unit, each ancestor and the whole program, in each of its period buckets. */
    Map<String, BigDecimal> amounts() {
        var units = new ArrayList<>(unitPath);
        units.add(CounterIds.PROGRAM_WIDE);
        var amounts = new LinkedHashMap<String, BigDecimal>();
        counted.forEach((indicator, value) -> units.forEach(unit -> Periods.of(occurredOn).forEach(bucket ->
                amounts.merge(CounterIds.of(programId, indicator, unit, bucket), value, BigDecimal::add))));
        return amounts;
    }
}
