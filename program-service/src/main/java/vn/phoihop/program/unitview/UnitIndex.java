package vn.phoihop.program.unitview;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import vn.phoihop.program.unitview.mongo.UnitPlaces;

/**
 * An in-memory copy of {@code unit_view}, so a roll-up walks a province's hundreds of units without a query per unit
 * (a filter on {@code parentId} would scan the collection on the embedded server). Loaded on first use; the listener
 * of this JVM keeps it current; a change stored by another instance shows in the version count and reloads it.
 */
@Component
class UnitIndex implements UnitGraph {

    private final UnitPlaces places;
    private final Map<String, UnitPlace> units = new HashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();
    private long version = -1;

    UnitIndex(UnitPlaces places) {
        this.places = places;
    }

    /** Runs {@code read} on a current copy: one version lookup, a full reload only when it has fallen behind. */
    <T> T read(Function<UnitGraph, T> read) {
        long stored = places.version(); // outside the lock: reads need not queue behind each other's lookups
        synchronized (this) {
            if (stored > version) {
                units.clear();
                children.clear();
                places.all().forEach(this::put);
                version = stored;
            }
            return read.apply(this);
        }
    }

    /** This JVM stored a change to {@code unitIds} as change number {@code stored}. */
    synchronized void changed(long stored, Collection<String> unitIds) {
        if (stored == version + 1) {
            places.find(unitIds).forEach(this::put);
            version = stored;
        } // else another writer changed the view too, or nothing is loaded yet: the next read reloads
    }

    @Override
    public Optional<UnitPlace> unit(String unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    @Override
    public Collection<String> children(String unitId) {
        return children.getOrDefault(unitId, Set.of());
    }

    private void put(UnitPlace unit) {
        UnitPlace old = units.put(unit.unitId(), unit);
        if (old != null && old.parentId() != null && !old.parentId().equals(unit.parentId())) {
            children.get(old.parentId()).remove(unit.unitId());
        }
        if (unit.parentId() != null) {
            children.computeIfAbsent(unit.parentId(), p -> new LinkedHashSet<>()).add(unit.unitId());
        }
    }
}
