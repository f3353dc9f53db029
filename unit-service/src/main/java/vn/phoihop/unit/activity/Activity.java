package vn.phoihop.unit.activity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.phoihop.unit.scope.Scope;

/**
 * An activity log entry (nhật ký hoạt động): what a unit did under a program, with its figures per indicator.
 * Corrections replace the figures with a new {@code revision}; {@code version} grows with every change
 * (confirmation, rejection, correction) and is what concurrent writers race on. Nothing is deleted.
 *
 * @param ancestorIds the unit's ancestors when it was logged, root first
 * @param coUnits     one entry per co-unit, with the agency that must confirm for it and who did
 */
public record Activity(
        String id,
        String programId,
        String unitId,
        List<String> ancestorIds,
        List<String> coUnitIds,
        List<CoUnit> coUnits,
        ActivityType type,
        LocalDate occurredOn,
        String title,
        String description,
        Map<String, BigDecimal> metrics,
        ActivityStatus status,
        int revision,
        int version,
        Rejection rejection,
        Instant createdAt,
        String createdBy,
        Instant updatedAt) {

    /** Whether the figures add to progress now. */
    @JsonProperty("counts")
    public boolean counts() {
        return status.counts();
    }

    /** Visible to a caller whose scope holds its unit or one of its co-units (co-units' principals confirm it). */
    public boolean visibleIn(Scope scope) {
        return scope.covers(unitId) || scope.coversAny(coUnitIds);
    }

    /** A co-unit of a joint activity; {@code confirmedBy} and {@code confirmedAt} stay null until it confirms. */
    public record CoUnit(String unitId, Agency agency, String confirmedBy, Instant confirmedAt) {

        public boolean confirmed() {
            return confirmedBy != null;
        }
    }

    /** Who refused a joint activity for which agency, when and why. */
    public record Rejection(Agency agency, String rejectedBy, Instant rejectedAt, String reason) {
    }

    Activity with(List<CoUnit> newCoUnits, ActivityStatus newStatus, Rejection newRejection, Instant at) {
        return new Activity(id, programId, unitId, ancestorIds, coUnitIds, newCoUnits, type, occurredOn, title,
                description, metrics, newStatus, revision, version + 1, newRejection, createdAt, createdBy, at);
    }

    Activity corrected(Map<String, BigDecimal> newMetrics, List<CoUnit> newCoUnits, ActivityStatus newStatus, Instant at) {
        return new Activity(id, programId, unitId, ancestorIds, coUnitIds, newCoUnits, type, occurredOn, title,
                description, newMetrics, newStatus, revision + 1, version + 1, rejection, createdAt, createdBy, at);
    }
}
