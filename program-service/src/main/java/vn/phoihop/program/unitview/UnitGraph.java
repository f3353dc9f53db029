package vn.phoihop.program.unitview;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The unit tree with its merges, as a roll-up walks it. */
interface UnitGraph {

    Optional<UnitPlace> unit(String unitId);

    /** Every unit whose latest parent is {@code unitId}, ended or not. */
    Collection<String> children(String unitId);

    /** Its latest parents, the nearest first, up to a root (or 64 levels, or a cycle a faulty event made). */
    default List<String> above(String unitId) {
        var ancestors = new ArrayList<String>();
        var seen = new HashSet<String>(List.of(unitId));
        String parent = unit(unitId).map(UnitPlace::parentId).orElse(null);
        while (parent != null && seen.add(parent) && ancestors.size() < 64) {
            ancestors.add(parent);
            parent = unit(parent).map(UnitPlace::parentId).orElse(null);
        }
        return ancestors;
    }
}
