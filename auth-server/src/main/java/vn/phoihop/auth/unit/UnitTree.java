package vn.phoihop.auth.unit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Today's unit tree as far as auth-server needs it: whether a unit lies inside an administrator's subtree, and which
 * units that subtree holds. Fed by the {@code units} topic ({@link UnitEventsListener}), so a unit created a moment
 * ago may not be known yet; an unknown unit is inside no subtree but its own. Kept in memory, read again from
 * {@link UnitPlaces} when its change counter has moved.
 */
public class UnitTree {

    private static final int MAX_DEPTH = 64;

    private final UnitPlaces places;
    private volatile Copy copy = new Copy(-1, Map.of(), Map.of());

    private record Copy(long version, Map<String, String> parents, Map<String, List<String>> children) {
    }

    UnitTree(UnitPlaces places) {
        this.places = places;
    }

    /** True if {@code unitId} is {@code ancestorId} or hangs under it today. */
    public boolean isWithin(String unitId, String ancestorId) {
        Map<String, String> parents = current().parents();
        var seen = new HashSet<String>();
        for (String unit = unitId; unit != null && seen.size() < MAX_DEPTH && seen.add(unit); unit = parents.get(unit)) {
            if (unit.equals(ancestorId)) {
                return true;
            }
        }
        return false;
    }

    /** {@code unitId} and every unit under it today. */
    public Set<String> subtree(String unitId) {
        Map<String, List<String>> children = current().children();
        var subtree = new LinkedHashSet<String>(List.of(unitId));
        var todo = new ArrayDeque<String>(List.of(unitId));
        while (!todo.isEmpty()) {
            children.getOrDefault(todo.pop(), List.of()).stream().filter(subtree::add).forEach(todo::push);
        }
        return subtree;
    }

    private Copy current() {
        long version = places.version();
        Copy last = copy;
        return last.version() == version ? last : reload(version);
    }

    private synchronized Copy reload(long version) {
        if (copy.version() == version) {
            return copy;
        }
        var parents = new HashMap<String, String>();
        var children = new HashMap<String, List<String>>();
        places.parents().forEach((unit, parent) -> {
            if (parent != null) {
                parents.put(unit, parent);
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(unit);
            }
        });
        copy = new Copy(version, parents, children);
        return copy;
    }
}
