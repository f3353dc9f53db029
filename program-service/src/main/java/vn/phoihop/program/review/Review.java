package vn.phoihop.program.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import vn.phoihop.program.progress.Progress;

/**
 * A review (hội nghị sơ kết / tổng kết) of a program for a unit and period: the progress as it stood when the
 * review was made, frozen. Nothing changes it afterwards; awards are added to it.
 */
public record Review(String id, String programId, ReviewKind kind, String unitId, LocalDate periodStart,
        LocalDate periodEnd, String title, Instant frozenAt, String frozenBy, Progress progress, List<Award> awards) {
}
