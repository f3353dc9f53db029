package vn.phoihop.events.unit;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code unit.moved.v1}: from {@code effectiveDate} the unit hangs under {@code newParentId}; before it, under
 * {@code oldParentId}. Ancestor ids are root first. Its descendants move with it (no event of their own).
 */
public record UnitMoved(
        String unitId,
        LocalDate effectiveDate,
        String oldParentId,
        List<String> oldAncestorIds,
        String newParentId,
        List<String> newAncestorIds) {
}
