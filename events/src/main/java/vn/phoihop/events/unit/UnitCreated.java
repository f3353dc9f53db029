package vn.phoihop.events.unit;

import java.time.LocalDate;
import java.util.List;

/** {@code unit.created.v1}: a unit joined the tree. {@code ancestorIds} are root first. */
public record UnitCreated(
        String unitId,
        String code,
        String name,
        String kind,
        String parentId,
        List<String> ancestorIds,
        LocalDate validFrom) {
}
