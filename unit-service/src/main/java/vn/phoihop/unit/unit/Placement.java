package vn.phoihop.unit.unit;

import java.time.LocalDate;
import java.util.List;

/** Where a unit hangs from {@code from} on, until its next placement: its parent and ancestors (root first). */
public record Placement(String parentId, List<String> ancestorIds, LocalDate from) {

    public Placement {
        ancestorIds = List.copyOf(ancestorIds);
    }
}
