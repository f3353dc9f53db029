package vn.phoihop.unit.unit;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import vn.phoihop.platform.text.SearchKeys;

/**
 * The whole unit tree in memory (at most ~100k units), so that lists, subtrees and searches never scan the
 * {@code units} collection. Built once from the collection at start and updated by every write of this JVM
 * (unit-service is the only writer of units in a deployment). Reads are lock-free; writes are serialised by the
 * {@link UnitRegistry}.
 *
 * <p>Children are indexed by every parent a unit ever had; a query keeps those placed under that parent on the
 * date asked. Ancestors on a date are found by walking up the parents in force on that date, so they are right
 * for any date whatever the stored denormalised {@code ancestorIds} say.
 */
public final class UnitTree {

    /** The listing order, total so that a cursor is a position in it. */
    static final Comparator<UnitHistory> HISTORY_ORDER =
            Comparator.comparing(UnitHistory::code).thenComparing(UnitHistory::id);
    private static final int MAX_DEPTH = 64;
    private static final String ROOT = "";

    private final Map<String, UnitHistory> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> childrenEver = new ConcurrentHashMap<>();
    private final Map<String, String> searchKeys = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byCode = new ConcurrentHashMap<>();
    /** Every date on which some placement starts: the tree's shape changes only on these. */
    private final NavigableSet<LocalDate> changeDates = new ConcurrentSkipListSet<>();

    public UnitTree(Collection<UnitHistory> units) {
        units.forEach(this::put);
    }

    /** Adds or replaces a unit. */
    public void put(UnitHistory unit) {
        // search key first: a reader that sees the unit finds its key
        searchKeys.put(unit.id(), unit.searchKey());
        byCode.computeIfAbsent(unit.code(), c -> ConcurrentHashMap.newKeySet()).add(unit.id());
        UnitHistory previous = byId.put(unit.id(), unit);
        if (previous != null && !previous.code().equals(unit.code())) {
            byCode.getOrDefault(previous.code(), Set.of()).remove(unit.id());
        }
        for (Placement p : unit.placements()) {
            childrenEver.computeIfAbsent(parentKey(p.parentId()), k -> ConcurrentHashMap.newKeySet()).add(unit.id());
            changeDates.add(p.from());
        }
    }

    public Optional<UnitHistory> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every unit that holds {@code code} now or held it when it ended. */
    public List<UnitHistory> withCode(String code) {
        return byCode.getOrDefault(code, Set.of()).stream().map(byId::get).toList();
    }

    public int size() {
        return byId.size();
    }

    /** The parent chain in force on {@code date}, root first. */
    public List<String> ancestorsOn(String id, LocalDate date) {
        var chain = new ArrayDeque<String>();
        UnitHistory current = byId.get(id);
        while (current != null && chain.size() < MAX_DEPTH) {
            String parent = current.placementOn(date).parentId();
            if (parent == null || parent.equals(id)) {
                break;
            }
            chain.addFirst(parent);
            current = byId.get(parent);
        }
        return List.copyOf(chain);
    }

    /**
     * True if {@code id} is {@code candidate} or among its ancestors on {@code from} or any later day: placing
     * {@code id} under {@code candidate} from that day would make a cycle.
     */
    public boolean isOrHasAncestorFrom(String candidate, String id, LocalDate from) {
        if (candidate.equals(id)) {
            return true;
        }
        var days = new ArrayList<LocalDate>();
        days.add(from);
        days.addAll(changeDates.tailSet(from, false));
        return days.stream().anyMatch(day -> ancestorsOn(candidate, day).contains(id));
    }

    /** The unit as it stood on {@code date}, with its ancestors on that date. */
    public Optional<Unit> on(String id, LocalDate date) {
        return get(id).map(u -> withAncestors(u, date));
    }

    /** Units placed under {@code id} on {@code date}, at any depth (valid on that date or not). */
    public List<String> descendantsOn(String id, LocalDate date) {
        var found = new ArrayList<String>();
        var queue = new ArrayDeque<String>();
        queue.add(id);
        while (!queue.isEmpty() && found.size() <= byId.size()) {
            String node = queue.poll();
            for (String child : childrenOn(node, date)) {
                found.add(child);
                queue.add(child);
            }
        }
        return found;
    }

    /**
     * A page of the listing, among the units of {@code within} only (a caller's scope; {@code null} for all): they
     * are left out before the page is cut, so every page is full and the cursor stays right.
     */
    public UnitPage list(UnitQuery query, Set<String> within) {
        String key = query.q() == null ? null : SearchKeys.of(query.q());
        Stream<String> candidates;
        if (query.ancestorId() != null) {
            candidates = descendantsOn(query.ancestorId(), query.asOf()).stream();
        } else if (query.parentId() != null) {
            candidates = childrenOn(query.parentId(), query.asOf()).stream();
        } else if (within != null) {
            candidates = within.stream();
        } else if (key != null) {
            candidates = searchKeys.entrySet().stream().filter(e -> e.getValue().contains(key)).map(Map.Entry::getKey);
        } else {
            candidates = byId.keySet().stream();
        }
        // filter and order the stored histories; build views (with their ancestors) for one page only
        List<Unit> matching = candidates.filter(id -> within == null || within.contains(id)).map(byId::get)
                .filter(u -> u != null && u.validOn(query.asOf()))
                .filter(u -> query.kind() == null || u.kind() == query.kind())
                .filter(u -> key == null || searchKeys.get(u.id()).contains(key))
                .filter(u -> query.after() == null || after(u.code(), u.id(), query.after()))
                .sorted(HISTORY_ORDER)
                .limit(query.limit() + 1L)
                .map(u -> withAncestors(u, query.asOf()))
                .toList();
        if (matching.size() <= query.limit()) {
            return new UnitPage(matching, null);
        }
        List<Unit> page = matching.subList(0, query.limit());
        Unit last = page.get(page.size() - 1);
        return new UnitPage(List.copyOf(page), new UnitQuery.PageKey(last.code(), last.id()));
    }

    private List<String> childrenOn(String parentId, LocalDate date) {
        return childrenEver.getOrDefault(parentKey(parentId), Set.of()).stream()
                .filter(c -> parentId.equals(byId.get(c).placementOn(date).parentId()))
                .toList();
    }

    private Unit withAncestors(UnitHistory u, LocalDate date) {
        Unit view = u.on(date);
        return new Unit(view.id(), view.code(), view.name(), view.kind(), view.parentId(), ancestorsOn(u.id(), date),
                view.validFrom(), view.validTo(), view.successorIds());
    }

    private static boolean after(String code, String id, UnitQuery.PageKey key) {
        int byCode = code.compareTo(key.code());
        return byCode > 0 || byCode == 0 && id.compareTo(key.id()) > 0;
    }

    private static String parentKey(String parentId) {
        return parentId == null ? ROOT : parentId;
    }
}
