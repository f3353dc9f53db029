package vn.phoihop.program.unitview;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which units' counters make up a unit's progress. A counter holds every activity logged under its unit in the tree
 * as it stood then, so a unit's figures are its own counter plus those of every unit merged (through any chain of
 * merges) into it or into a unit of its subtree today. A merged unit that had one of those units above it when it
 * ended is already inside that unit's counter, so it is left out: each activity is counted once.
 */
final class RollUp {

    private RollUp() {
    }

    static List<String> of(UnitGraph graph, String unitId, LocalDate today) {
        var candidates = new LinkedHashSet<String>();
        candidates.add(unitId);
        var todo = new ArrayDeque<>(subtree(graph, unitId, today));
        while (!todo.isEmpty()) {
            graph.unit(todo.pop()).ifPresent(u -> u.predecessorIds().stream().filter(candidates::add).forEach(todo::push));
        }
        var counted = new ArrayList<String>();
        for (String id : candidates) {
            if (id.equals(unitId) || endAncestors(graph, id).stream().noneMatch(candidates::contains)) {
                counted.add(id);
            }
        }
        return counted;
    }

    /** The unit and every unit under it that exists {@code today}. */
    private static Set<String> subtree(UnitGraph graph, String unitId, LocalDate today) {
        var seen = new LinkedHashSet<String>();
        seen.add(unitId);
        var todo = new ArrayDeque<String>(List.of(unitId));
        while (!todo.isEmpty()) {
            for (String child : graph.children(todo.pop())) {
                if (graph.unit(child).filter(u -> u.validOn(today)).isPresent() && seen.add(child)) {
                    todo.push(child);
                }
            }
        }
        return seen;
    }

    /** Its ancestors on its last day; for a view kept before they were recorded, its latest parents instead. */
    private static List<String> endAncestors(UnitGraph graph, String unitId) {
        var known = graph.unit(unitId).map(UnitPlace::endAncestorIds);
        if (known.isPresent() && known.get() != null) {
            return known.get();
        }
        return graph.above(unitId);
    }
}
