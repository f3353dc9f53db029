package vn.phoihop.unit.unit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A unit taking part in coordination programs (đơn vị): a province, a commune, a police station, a
 * Front committee, a grassroots team. Units are effective-dated and never deleted.
 *
 * @param ancestorIds root first; stored on each unit so a subtree is one indexed lookup
 */
public record Unit(
        String id,
        String code,
        String name,
        UnitKind kind,
        String parentId,
        List<String> ancestorIds,
        LocalDate validFrom,
        LocalDate validTo,
        List<String> successorIds) {

    /** Ancestors then this unit, root first: what rolls up where. */
    public List<String> path() {
        var path = new ArrayList<>(ancestorIds);
        path.add(id);
        return List.copyOf(path);
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || date.isBefore(validTo));
    }
}
