package vn.phoihop.events.unit;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code unit.merged.v1}: the source {@code unitId} ends the day before {@code effectiveDate} and its successor
 * is {@code targetId}. One event per source (each keyed by the source id), each naming all {@code sourceIds} of
 * the merge.
 */
public record UnitMerged(
        String unitId,
        List<String> sourceIds,
        String targetId,
        LocalDate effectiveDate) {
}
