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
 * @param loggingUnit the logging unit's own side: the agency that logged it and who confirmed the current revision
 *                    for it ({@code null} only for an activity stored before the logging unit had a side)
 */
public record Activity(
        String id,
        String programId,
        String unitId,
        List<String> ancestorIds,
        List<String> coUnitIds,
        List<CoUnit> coUnits,
        CoUnit loggingUnit,
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

    /**
     * A side that confirms the activity's figures: a co-unit, or the logging unit itself. {@code confirmedBy} and
     * {@code confirmedAt} stay null until someone of its agency confirms the current revision.
     */
    public record CoUnit(String unitId, Agency agency, String confirmedBy, Instant confirmedAt) {

        public boolean confirmed() {
            return confirmedBy != null;
        }

        CoUnit confirmedBy(String subject, Instant at) {
            return new CoUnit(unitId, agency, subject, at);
        }

        /** Waiting again: a new revision needs this side's word anew. */
        CoUnit reopened() {
            return new CoUnit(unitId, agency, null, null);
        }
    }

    /** Who refused a joint activity for which agency, when and why. */
    public record Rejection(Agency agency, String rejectedBy, Instant rejectedAt, String reason) {
    }

    Activity with(CoUnit newLoggingUnit, List<CoUnit> newCoUnits, ActivityStatus newStatus, Rejection newRejection,
            Instant at) {
        return new Activity(id, programId, unitId, ancestorIds, coUnitIds, newCoUnits, newLoggingUnit, type, occurredOn,
                title, description, metrics, newStatus, revision, version + 1, newRejection, createdAt, createdBy, at);
    }

    Activity corrected(Map<String, BigDecimal> newMetrics, CoUnit newLoggingUnit, List<CoUnit> newCoUnits,
            ActivityStatus newStatus, Instant at) {
        return new Activity(id, programId, unitId, ancestorIds, coUnitIds, newCoUnits, newLoggingUnit, type, occurredOn,
                title, description, newMetrics, newStatus, revision + 1, version + 1, rejection, createdAt, createdBy, at);
    }

    /** The same activity with its logging unit's side (for one stored before it had one). */
    Activity withLoggingUnit(CoUnit side) {
        return new Activity(id, programId, unitId, ancestorIds, coUnitIds, coUnits, side, type, occurredOn, title,
                description, metrics, status, revision, version, rejection, createdAt, createdBy, updatedAt);
    }
}
