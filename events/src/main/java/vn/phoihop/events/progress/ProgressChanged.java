package vn.phoihop.events.progress;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code progress.changed.v1}: the progress of program {@code programId} at unit {@code unitId}, and therefore at each
 * of the unit's ancestors, may have changed for dates {@code from}..{@code to} (both inclusive) in the indicators
 * {@code indicatorCodes}. A notice to refetch, not a figure: a dashboard reads
 * {@code GET /api/v1/programs/{programId}/progress} for the unit it shows. Keyed by the program id.
 *
 * <p>Carries no personal data and no figures: an event may arrive twice or late, and a refetch is always right.
 */
public record ProgressChanged(
        String programId,
        String unitId,
        List<String> indicatorCodes,
        LocalDate from,
        LocalDate to) {

    public ProgressChanged {
        indicatorCodes = indicatorCodes == null ? List.of() : List.copyOf(indicatorCodes);
    }
}
