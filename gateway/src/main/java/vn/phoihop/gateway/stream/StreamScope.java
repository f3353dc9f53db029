package vn.phoihop.gateway.stream;

import java.util.List;
import java.util.Set;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventTypes;

/**
 * Which events a caller may see (the security model's unit scope). A caller bound to unit U sees an event iff U is
 * among the units it concerns with their ancestors ({@link CloudEvent#scopeUnitIds()}): the event is about U or a
 * unit below it. A program's events are also seen from inside its scope (a commune takes part in its province's
 * program), which needs U's own ancestors. A caller without a unit (national) sees every event.
 *
 * @param unitId the token's {@code unitId}, or {@code null} for a national caller
 * @param unitAncestorIds U's ancestors, root first (empty when unknown: the caller then misses programs above it)
 */
public record StreamScope(String unitId, Set<String> unitAncestorIds) {

    public static final StreamScope NATIONAL = new StreamScope(null, Set.of());

    public StreamScope {
        unitAncestorIds = Set.copyOf(unitAncestorIds);
    }

    public static StreamScope of(String unitId, List<String> ancestorIds) {
        return unitId == null ? NATIONAL : new StreamScope(unitId, Set.copyOf(ancestorIds));
    }

    public boolean national() {
        return unitId == null;
    }

    public boolean allows(CloudEvent event) {
        return allows(event, event.scopeUnitIds());
    }

    /** The same, with the event's {@link CloudEvent#scopeUnitIds()} worked out once for every subscriber. */
    public boolean allows(CloudEvent event, Set<String> scopeUnitIds) {
        if (national() || scopeUnitIds.contains(unitId)) {
            return true;
        }
        if (EventTypes.carriesProgramState(event.type())) {
            String programScope = event.unitid(); // null: a program of the whole country
            return programScope == null || programScope.equals(unitId) || unitAncestorIds.contains(programScope);
        }
        return false;
    }

    /** Whether a unit with these ancestors lies in the caller's subtree (what a {@code unitId=} filter may name). */
    public boolean covers(String otherUnitId, List<String> otherAncestorIds) {
        return national() || unitId.equals(otherUnitId) || otherAncestorIds.contains(unitId);
    }
}
