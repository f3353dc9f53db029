package vn.phoihop.program.unitview;

import java.time.LocalDate;
import java.util.List;

/** What a unit is called and where it hangs in today's tree, as program-service knows it from the {@code units} topic. */
public record UnitPlace(String unitId, String name, String parentId, LocalDate validTo, List<String> successorIds) {
}
