package vn.phoihop.program.unitview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Every unit whose own figures belong to a unit's: the unit, every unit that hangs or hung under it (ended ones
 * included, so a merged unit keeps its history), and every unit merged into one of those, through any chain of
 * merges, with what hung under them. Unlike {@link RollUp}, which reads counters that already hold their subtree,
 * this is for figures kept per unit alone (latest values), so nothing is left out.
 */
final class Lineage {

    private Lineage() {
    }

    static List<UnitPlace> of(UnitGraph graph, String unitId) {
        var seen = new LinkedHashSet<String>();
        seen.add(unitId);
        var todo = new ArrayDeque<String>();
        todo.push(unitId);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            graph.children(id).stream().filter(seen::add).forEach(todo::push);
            graph.unit(id).ifPresent(u -> u.predecessorIds().stream().filter(seen::add).forEach(todo::push));
        }
        var places = new ArrayList<UnitPlace>();
        seen.forEach(id -> places.add(place(graph, id)));
        return places;
    }

    /** The unit as the graph knows it; an unknown one as a unit that never ended. */
    static UnitPlace place(UnitGraph graph, String unitId) {
        return graph.unit(unitId).orElseGet(() -> new UnitPlace(unitId, null, null, null, null, null, null));
    }
}
