package vn.phoihop.unit.unit;

import java.time.LocalDate;
import java.util.List;

/** What a merge did: the sources as they stood on their last day, and the target from {@code effectiveDate}. */
public record MergeResult(List<Unit> sources, Unit target, LocalDate effectiveDate) {
}
