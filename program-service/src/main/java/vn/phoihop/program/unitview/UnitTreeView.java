package vn.phoihop.program.unitview;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import vn.phoihop.program.unitview.mongo.UnitPlaces;

/**
 * Today's unit tree as far as program-service needs it: whether a unit lies in a program's scope, and which units'
 * counters make up a unit's progress. Fed by the {@code units} topic, so a unit created a moment ago may not be known
 * yet.
 */
@Service
public class UnitTreeView {

    private static final int MAX_DEPTH = 64;
    private static final ZoneId VIET_NAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final UnitPlaces places;
    private final UnitIndex index;
    private final Clock clock;

    UnitTreeView(UnitPlaces places, UnitIndex index, Clock clock) {
        this.places = places;
        this.index = index;
        this.clock = clock;
    }

    public Optional<UnitPlace> find(String unitId) {
        return places.find(unitId);
    }

    /** True if {@code unitId} is {@code ancestorId} or hangs under it today. */
    public boolean isWithin(String unitId, String ancestorId) {
        var seen = new HashSet<String>();
        String current = unitId;
        while (current != null && seen.size() < MAX_DEPTH && seen.add(current)) {
            if (current.equals(ancestorId)) {
                return true;
            }
            current = places.find(current).map(UnitPlace::parentId).orElse(null);
        }
        return false;
    }

    /** The unit's known ancestors then the unit, root first, as far as this view knows them today. */
    public List<String> path(String unitId) {
        var path = new java.util.ArrayDeque<String>();
        String current = unitId;
        while (current != null && path.size() < MAX_DEPTH && !path.contains(current)) {
            path.addFirst(current);
            current = places.find(current).map(UnitPlace::parentId).orElse(null);
        }
        return List.copyOf(path);
    }

    /**
     * The units whose counters add up to {@code unitId}'s progress, each activity once: the unit itself first, then
     * the units merged into its subtree that no other of them already holds. An unknown unit is just itself.
     */
    public List<String> rollUp(String unitId) {
        LocalDate today = LocalDate.now(clock.withZone(VIET_NAM));
        return index.read(graph -> RollUp.of(graph, unitId, today));
    }

    /**
     * The units whose own latest values add up to {@code unitId}'s: the unit, every unit that hangs or hung under it,
     * and every unit merged into one of those ({@link Lineage}). An unknown unit is just itself.
     */
    public List<UnitPlace> lineage(String unitId) {
        return index.read(graph -> Lineage.of(graph, unitId));
    }

    /** The given units from the in-memory copy, an unknown one as a unit that never ended. */
    public List<UnitPlace> places(Collection<String> unitIds) {
        return index.read(graph -> unitIds.stream().map(id -> Lineage.place(graph, id)).toList());
    }

    /**
     * {@code unitId} and every unit that hangs under it today (a merged unit under its last parent): what a principal
     * bound to {@code unitId} may see. Walked on the in-memory copy, so a province's subtree costs no query per unit.
     */
    public Set<String> subtree(String unitId) {
        return index.read(graph -> {
            var seen = new LinkedHashSet<String>(List.of(unitId));
            var todo = new ArrayDeque<String>(List.of(unitId));
            while (!todo.isEmpty()) {
                graph.children(todo.pop()).stream().filter(seen::add).forEach(todo::push);
            }
            return Set.copyOf(seen);
        });
    }

    /** The units that hang directly under {@code unitId} today, by name: the rows a drill-down shows. */
    public List<UnitPlace> children(String unitId) {
        LocalDate today = LocalDate.now(clock.withZone(VIET_NAM));
        var collator = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("vi"));
        return index.read(graph -> graph.children(unitId).stream().map(graph::unit).flatMap(Optional::stream)
                .filter(u -> u.validOn(today)).sorted(java.util.Comparator.comparing(UnitPlace::name, java.util.Comparator.nullsLast(collator))
                        .thenComparing(UnitPlace::unitId)).toList());
    }

    /** The units above {@code unitId} today, its parent first; none for a root or a unit not known here. */
    public List<String> ancestors(String unitId) {
        return index.read(graph -> List.copyOf(graph.above(unitId)));
    }
}
