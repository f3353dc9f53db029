package vn.phoihop.events.activity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code activity.submitted.v1}: an activity was logged. {@code counts} tells whether it counts toward
 * progress now (a joint activity counts only once every co-unit's agency has confirmed it).
 */
public record ActivitySubmitted(
        String activityId,
        int revision,
        String programId,
        String unitId,
        List<String> ancestorIds,
        List<String> coUnitIds,
        String type,
        LocalDate occurredOn,
        Map<String, Double> metrics,
        String status,
        boolean counts) {
}
