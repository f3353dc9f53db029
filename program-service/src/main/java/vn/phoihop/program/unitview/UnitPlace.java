package vn.phoihop.program.unitview;

import java.time.LocalDate;
import java.util.List;

/**
 * What a unit is called and where it hangs in today's tree, as program-service knows it from the {@code units} topic.
 * Once merged: {@code validTo}, {@code successorIds} and {@code endAncestorIds} (its ancestors on its last day, root
 * first; null where the view was written before it was kept). {@code predecessorIds}: the units merged into it.
 */
public record UnitPlace(String unitId, String name, String parentId, LocalDate validTo, List<String> successorIds,
        List<String> predecessorIds, List<String> endAncestorIds) {

    public UnitPlace {
        successorIds = successorIds == null ? List.of() : List.copyOf(successorIds);
        predecessorIds = predecessorIds == null ? List.of() : List.copyOf(predecessorIds);
        endAncestorIds = endAncestorIds == null ? null : List.copyOf(endAncestorIds);
    }

    /** True while the unit exists on {@code day}. */
    public boolean validOn(LocalDate day) {
        return validTo == null || validTo.isAfter(day);
    }
}
