package vn.phoihop.events.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The data of every {@code activity.*.v1} event: the activity as it stands after the change, whole, so a consumer
 * needs no earlier event to act on it. {@code counts} tells whether its {@code metrics} count toward progress now
 * (a joint activity counts only once every co-unit's agency has confirmed it; a rejected one never does).
 * {@code version} grows by one with every event of the activity (submission 1, then each confirmation, rejection
 * or correction), so a consumer applies an event only if it is newer than what it has, and moves its figures by
 * the difference between what counted before and what counts now. {@code revision} counts corrections of the
 * figures only. {@code reason} is given for rejections and corrections. {@code metrics} are exact decimals, JSON
 * numbers on the wire, within {@link Figures}' bounds.
 */
public record ActivityState(
        String activityId,
        int revision,
        String programId,
        String unitId,
        List<String> ancestorIds,
        List<String> coUnitIds,
        String type,
        LocalDate occurredOn,
        Map<String, BigDecimal> metrics,
        String status,
        boolean counts,
        int version,
        String reason) {

    /** A submission: version 1, no reason. */
    public ActivityState(String activityId, int revision, String programId, String unitId, List<String> ancestorIds,
            List<String> coUnitIds, String type, LocalDate occurredOn, Map<String, BigDecimal> metrics, String status,
            boolean counts) {
        this(activityId, revision, programId, unitId, ancestorIds, coUnitIds, type, occurredOn, metrics, status, counts,
                1, null);
    }

    /** What this state adds to progress: its metrics while it counts, nothing otherwise. */
    public Map<String, BigDecimal> counted() {
        return counts ? metrics : Map.of();
    }
}
