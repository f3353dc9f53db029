package vn.phoihop.program.unitview;

import java.time.LocalDate;
import java.util.List;

/** Where a unit hangs in today's tree, as program-service knows it from the {@code units} topic. */
public record UnitPlace(String unitId, String parentId, LocalDate validTo, List<String> successorIds) {
}
