package vn.phoihop.unit.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An activity log entry (nhật ký hoạt động): what a unit did under a program, with its figures per
 * indicator. Revisions replace figures; nothing is deleted.
 */
public record Activity(
        String id,
        String programId,
        String unitId,
        List<String> ancestorIds,
        List<String> coUnitIds,
        ActivityType type,
        LocalDate occurredOn,
        String title,
        String description,
        Map<String, Double> metrics,
        ActivityStatus status,
        int revision,
        Instant createdAt,
        String createdBy) {
}
