package vn.phoihop.unit.unit;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import vn.phoihop.platform.text.SearchKeys;

/**
 * A unit with its whole history: what is stored, and what the in-memory tree holds. A {@link Unit} is its view
 * on one date. Placements are ordered by {@code from}; the first starts on {@code validFrom}.
 */
public record UnitHistory(
        String id,
        String code,
        String name,
        UnitKind kind,
        List<Placement> placements,
        LocalDate validFrom,
        LocalDate validTo,
        List<String> successorIds) {

    public UnitHistory {
        placements = placements.stream().sorted(Comparator.comparing(Placement::from)).toList();
        successorIds = List.copyOf(successorIds);
        if (placements.isEmpty()) {
            throw new IllegalArgumentException("a unit has at least one placement");
        }
    }

    /** A new unit: one placement, from {@code from}, under the last of {@code ancestors}. */
    public static UnitHistory created(String id, NewUnit unit, List<String> ancestors, LocalDate from) {
        return new UnitHistory(id, unit.code(), unit.name(), unit.kind(),
                List.of(new Placement(unit.parentId(), List.copyOf(ancestors), from)), from, null, List.of());
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }

    /** True while the unit has not ended: it holds its code among the units valid now. */
    public boolean open() {
        return validTo == null;
    }

    /** The placement in force on {@code date}; the first one for dates before it. */
    public Placement placementOn(LocalDate date) {
        Placement found = placements.get(0);
        for (Placement p : placements) {
            if (!p.from().isAfter(date)) {
                found = p;
            }
        }
        return found;
    }

    public Placement latestPlacement() {
        return placements.get(placements.size() - 1);
    }

    public String searchKey() {
        return SearchKeys.of(name);
    }

    /** The unit as it stood on {@code date}. */
    public Unit on(LocalDate date) {
        Placement p = placementOn(date);
        return new Unit(id, code, name, kind, p.parentId(), p.ancestorIds(), validFrom, validTo, successorIds);
    }

    public UnitHistory renamed(String newCode, String newName) {
        return new UnitHistory(id, newCode, newName, kind, placements, validFrom, validTo, successorIds);
    }

    public UnitHistory withPlacements(List<Placement> newPlacements) {
        return new UnitHistory(id, code, name, kind, newPlacements, validFrom, validTo, successorIds);
    }

    public UnitHistory ended(LocalDate on, List<String> successors) {
        return new UnitHistory(id, code, name, kind, placements, validFrom, on, successors);
    }
}
