package vn.phoihop.unit.unit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.events.unit.UnitMerged;
import vn.phoihop.events.unit.UnitMoved;
import vn.phoihop.events.unit.UnitRenamed;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.unit.mongo.UnitStore;

/**
 * Creates, renames, moves, merges and finds units; each change is stored with its event in one single-document
 * write, then applied to the in-memory {@link UnitTree} that answers every read. Writes are serialised here: this
 * service is the only writer of the {@code units} collection in a deployment (one instance, or one writer).
 */
@Service
public class UnitRegistry implements Scope.Tree {

    private static final Logger log = LoggerFactory.getLogger(UnitRegistry.class);

    private final UnitStore store;
    private final EventCodec events;
    private final Clock clock;
    private final UnitTree tree;

    public UnitRegistry(UnitStore store, EventCodec events, Clock clock, ZoneId businessZone) {
        this.store = store;
        this.events = events;
        this.clock = clock.withZone(businessZone);
        long started = System.nanoTime();
        this.tree = new UnitTree(store.loadAll());
        log.info("Unit tree loaded: {} units in {} ms", tree.size(), (System.nanoTime() - started) / 1_000_000);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Creates a unit under {@code parentId}, which must lie in the caller's scope (only a national caller creates a root). */
    public Unit create(String code, String name, UnitKind kind, String parentId, LocalDate validFrom, Scope scope) {
        scope.checkReference("parentId", parentId);
        return create(code, name, kind, parentId, validFrom);
    }

    public synchronized Unit create(String code, String name, UnitKind kind, String parentId, LocalDate validFrom) {
        LocalDate from = validFrom != null ? validFrom : today();
        return createAll(List.of(new Draft(newId(), new NewUnit(code, name, kind, parentId))), from).get(0);
    }

    /** A unit to create with others, its id chosen beforehand so that later units of the same batch can hang under it. */
    public record Draft(String id, NewUnit unit) {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Creates units from {@code from} in one bulk write, each with its event. A parent is an existing unit or an
     * earlier draft of the list. A code an active unit holds refuses the batch with a 409; what the store kept of
     * it is then reloaded, so the tree never differs from the store.
     */
    public synchronized List<Unit> createAll(List<Draft> drafts, LocalDate from) {
        var pathOf = new HashMap<String, List<String>>(); // draft id → its ancestors and itself
        var created = new ArrayList<UnitHistory>(drafts.size());
        var events = new ArrayList<CloudEvent>(drafts.size());
        for (Draft draft : drafts) {
            checkCodeFreeFrom(draft.unit().code(), from);
            String parentId = draft.unit().parentId();
            List<String> ancestors = parentId == null ? List.of() : pathOf.containsKey(parentId) ? pathOf.get(parentId)
                    : existingPath(parentId, from);
            pathOf.put(draft.id(), path(ancestors, draft.id()));
            UnitHistory unit = UnitHistory.created(draft.id(), draft.unit(), ancestors, from);
            created.add(unit);
            events.add(createdEvent(unit));
        }
        try {
            store.insertAll(created, events);
        } catch (RuntimeException e) {
            created.forEach(unit -> store.findHistory(unit.id()).ifPresent(tree::put));
            throw e;
        }
        created.forEach(tree::put);
        return created.stream().map(unit -> unit.on(from)).toList();
    }

    /**
     * Codes are unique among units valid at the same time: an ended unit holding {@code code} must have ended by
     * {@code from}. (Units still open are kept apart by the unique {@code activeCode} index.)
     */
    private void checkCodeFreeFrom(String code, LocalDate from) {
        tree.withCode(code).stream().filter(u -> u.validTo() != null && u.validTo().isAfter(from)).findFirst()
                .ifPresent(u -> {
                    throw ApiException.conflict("Code " + code + " is held by unit " + u.id() + " until " + u.validTo()
                            + "; a new unit can take it from that day on");
                });
    }

    private List<String> existingPath(String parentId, LocalDate from) {
        history(parentId).orElseThrow(() -> ApiException.rejected(
                "Parent unit " + parentId + " does not exist", new FieldError("parentId", "unknown unit")));
        return path(tree.ancestorsOn(parentId, from), parentId);
    }

    private CloudEvent createdEvent(UnitHistory unit) {
        Placement first = unit.latestPlacement();
        return events.create(EventTypes.UNIT_CREATED, unit.id(), unit.id(), null, path(first.ancestorIds(), unit.id()),
                new UnitCreated(unit.id(), unit.code(), unit.name(), unit.kind().name(), first.parentId(),
                        first.ancestorIds(), unit.validFrom()));
    }

    /** Refuses (422) a unit id that names no unit, or one that has ended; nothing to check for null. */
    public void requireOpen(String id, String field) {
        if (id == null) {
            return;
        }
        UnitHistory unit = history(id).orElseThrow(() -> ApiException.rejected("Unit " + id + " does not exist",
                new FieldError(field, "unknown unit")));
        if (!unit.open()) {
            throw ApiException.rejected("Unit " + id + " ended on " + unit.validTo(), new FieldError(field, "no longer valid"));
        }
    }

    public Optional<Unit> findActiveByCode(String code) {
        return store.findActiveByCode(code);
    }

    /** The units with {@code code} that ended on {@code date}, as they stood on their last day. */
    public List<Unit> endedOn(String code, LocalDate date) {
        return tree.withCode(code).stream().filter(u -> date.equals(u.validTo()))
                .map(u -> tree.on(u.id(), date.minusDays(1)).orElseThrow()).toList();
    }

    /** The units valid today that hold these codes, by code; one query. */
    public Map<String, Unit> findActiveByCodes(List<String> codes) {
        return store.findActiveByCodes(codes);
    }

    /** The unit as it stands today, or on its last day if it has ended (or its first if it starts later). */
    public Optional<Unit> find(String id) {
        return history(id).map(h -> tree.on(id, representativeDay(h)).orElseThrow());
    }

    /** The unit as it stood on {@code asOf}; empty if it did not exist then. */
    public Optional<Unit> find(String id, LocalDate asOf) {
        return history(id).filter(h -> h.validOn(asOf)).flatMap(h -> tree.on(id, asOf));
    }

    /** The unit as it stands today (or on {@code asOf} if given), if it lies in the scope. */
    public Optional<Unit> find(String id, LocalDate asOf, Scope scope) {
        if (!scope.covers(id)) {
            return Optional.empty();
        }
        return asOf == null ? find(id) : find(id, asOf);
    }

    /** A page of the units in the scope; a {@code parentId} or {@code ancestorId} outside it is refused (403). */
    public UnitPage list(UnitQuery query, Scope scope) {
        scope.checkFilter("parentId", query.parentId());
        scope.checkFilter("ancestorId", query.ancestorId());
        for (String id : new String[] {query.parentId(), query.ancestorId()}) {
            if (id != null && history(id).isEmpty()) {
                throw ApiException.notFound("Unit", id);
            }
        }
        return tree.list(query, scope.unitIds());
    }

    @Override
    public List<String> pathToday(String id) {
        return history(id).isEmpty() ? List.of() : path(tree.ancestorsOn(id, today()), id);
    }

    @Override
    public Set<String> subtreeToday(String id) {
        var subtree = new HashSet<>(tree.descendantsOn(id, today()));
        subtree.add(id);
        return subtree;
    }

    /** Renames a unit of the scope; one outside it is not found. */
    public Unit rename(String id, String code, String name, Scope scope) {
        requireInScope(id, scope);
        return rename(id, code, name);
    }

    /** A new code and/or name; the code stays unique among units valid now. Repeating it changes nothing. */
    public synchronized Unit rename(String id, String code, String name) {
        UnitHistory unit = history(id).orElseThrow(() -> ApiException.notFound("Unit", id));
        UnitHistory renamed = unit.renamed(code != null ? code : unit.code(), name != null ? name : unit.name());
        if (renamed.equals(unit)) {
            return find(id).orElseThrow();
        }
        List<String> ancestors = tree.ancestorsOn(id, representativeDay(unit));
        var event = events.create(EventTypes.UNIT_RENAMED, id, id, null, path(ancestors, id),
                new UnitRenamed(id, renamed.code(), renamed.name(), unit.code(), unit.name()));
        store.rename(renamed, event);
        tree.put(renamed);
        return find(id).orElseThrow();
    }

    /**
     * From {@code effectiveDate} the unit hangs under {@code newParentId}; before it, where it was. Its descendants
     * come along: their stored ancestor ids are rewritten after the unit's own write (a retry of the same move
     * finishes that step if a crash interrupted it).
     */
    /** Moves a unit of the scope (else not found) under a new parent, which must lie in the scope too (403). */
    public Unit move(String id, String newParentId, LocalDate effectiveDate, Scope scope) {
        requireInScope(id, scope);
        scope.checkReference("newParentId", newParentId);
        return move(id, newParentId, effectiveDate);
    }

    public synchronized Unit move(String id, String newParentId, LocalDate effectiveDate) {
        UnitHistory unit = history(id).orElseThrow(() -> ApiException.notFound("Unit", id));
        UnitHistory parent = history(newParentId).orElseThrow(() -> ApiException.rejected(
                "Unit " + newParentId + " does not exist", new FieldError("newParentId", "unknown unit")));
        Placement current = unit.placementOn(effectiveDate);
        boolean retry = current.from().equals(effectiveDate) && newParentId.equals(current.parentId())
                && unit.placements().size() > 1;
        if (!retry) {
            checkMove(unit, parent, effectiveDate);
            List<String> oldAncestors = tree.ancestorsOn(id, effectiveDate);
            List<String> newAncestors = path(tree.ancestorsOn(newParentId, effectiveDate), newParentId);
            var placements = new ArrayList<>(unit.placements());
            placements.add(new Placement(newParentId, newAncestors, effectiveDate));
            UnitHistory moved = unit.withPlacements(placements);
            // the old place's principals see the unit leave: its old path goes in unitscope
            var event = events.create(EventTypes.UNIT_MOVED, id, id, null, path(newAncestors, id), oldAncestors,
                    new UnitMoved(id, effectiveDate, current.parentId(), oldAncestors, newParentId, newAncestors));
            store.place(moved, event);
            tree.put(moved);
        }
        for (String descendant : tree.descendantsOn(id, effectiveDate)) {
            realignAncestors(tree.get(descendant).orElseThrow(), effectiveDate);
        }
        return tree.on(id, effectiveDate).orElseThrow();
    }

    private void checkMove(UnitHistory unit, UnitHistory parent, LocalDate effectiveDate) {
        if (tree.isOrHasAncestorFrom(parent.id(), unit.id(), effectiveDate)) {
            throw ApiException.rejected("A unit cannot move under itself or one of its descendants",
                    new FieldError("newParentId", "is the unit or one of its descendants"));
        }
        if (!unit.validOn(effectiveDate)) {
            throw ApiException.rejected("Unit " + unit.id() + " does not exist on " + effectiveDate,
                    new FieldError("effectiveDate", "outside the unit's validity"));
        }
        if (!parent.validOn(effectiveDate)) {
            throw ApiException.rejected("Unit " + parent.id() + " does not exist on " + effectiveDate,
                    new FieldError("newParentId", "not valid on effectiveDate"));
        }
        if (!effectiveDate.isAfter(unit.latestPlacement().from())) {
            throw ApiException.rejected("Moves are recorded in date order; the unit's last placement starts on "
                    + unit.latestPlacement().from(), new FieldError("effectiveDate", "must be after "
                    + unit.latestPlacement().from()));
        }
        if (parent.id().equals(unit.placementOn(effectiveDate).parentId())) {
            throw ApiException.rejected("The unit is already under " + parent.id(),
                    new FieldError("newParentId", "is already the parent"));
        }
    }

    /** Rewrites a descendant's stored ancestor ids from {@code from} on, as the tree now says they are. */
    private void realignAncestors(UnitHistory unit, LocalDate from) {
        var placements = new ArrayList<Placement>();
        boolean hasFrom = unit.placements().stream().anyMatch(p -> p.from().equals(from));
        for (Placement p : unit.placements()) {
            placements.add(p.from().isBefore(from) ? p
                    : new Placement(p.parentId(), tree.ancestorsOn(unit.id(), p.from()), p.from()));
        }
        if (!hasFrom && !from.isBefore(unit.validFrom())) {
            placements.add(new Placement(unit.placementOn(from).parentId(), tree.ancestorsOn(unit.id(), from), from));
        }
        UnitHistory realigned = unit.withPlacements(placements);
        if (!realigned.equals(unit)) {
            store.place(realigned, null);
            tree.put(realigned);
        }
    }

    /**
     * Ends the sources on {@code effectiveDate} with the target as successor; creates the target if new (its id is
     * derived from the request, so a retry finds it). Sources are written first, each with its own event, then
     * the target; a retry of the same request skips what is done and answers the same result.
     */
    public MergeResult merge(List<String> sourceIds, String targetId, NewUnit newTarget, LocalDate effectiveDate,
            Scope scope) {
        sourceIds.forEach(source -> scope.checkReference("sourceIds", source));
        if (targetId != null) {
            scope.checkReference("target.id", targetId);
        } else {
            scope.checkReference("target.parentId", newTarget.parentId());
        }
        return merge(sourceIds, targetId, newTarget, effectiveDate);
    }

    public synchronized MergeResult merge(List<String> sourceIds, String targetId, NewUnit newTarget,
            LocalDate effectiveDate) {
        if (new HashSet<>(sourceIds).size() != sourceIds.size()) {
            throw ApiException.invalid(new FieldError("sourceIds", "lists a unit twice"));
        }
        String target = targetId != null ? targetId : derivedId(sourceIds, newTarget, effectiveDate);
        if (sourceIds.contains(target)) {
            throw ApiException.rejected("A unit cannot be merged into itself", new FieldError("target", "is a source"));
        }
        var sources = new ArrayList<UnitHistory>();
        var pending = new ArrayList<UnitHistory>();
        for (String id : sourceIds) {
            UnitHistory source = history(id).orElseThrow(() -> ApiException.rejected("Unit " + id + " does not exist",
                    new FieldError("sourceIds", "unknown unit " + id)));
            sources.add(source);
            if (!source.open()) {
                if (!(effectiveDate.equals(source.validTo()) && source.successorIds().equals(List.of(target)))) {
                    throw ApiException.conflict("Unit " + id + " has already ended on " + source.validTo());
                }
            } else if (!effectiveDate.isAfter(source.validFrom())) {
                throw ApiException.rejected("Unit " + id + " starts on " + source.validFrom()
                        + "; a merge must take effect after that", new FieldError("effectiveDate",
                        "not after the validFrom of " + id));
            } else {
                pending.add(source);
            }
        }
        Optional<UnitHistory> existingTarget = history(target);
        if (targetId != null) {
            UnitHistory t = existingTarget.orElseThrow(() -> ApiException.rejected("Unit " + targetId
                    + " does not exist", new FieldError("target.id", "unknown unit")));
            checkTarget(t.id(), t.validOn(effectiveDate), sourceIds, effectiveDate, "target.id");
        } else if (existingTarget.isEmpty()) {
            checkNewTarget(newTarget, sourceIds, effectiveDate);
        }
        for (UnitHistory source : pending) {
            UnitHistory ended = source.ended(effectiveDate, List.of(target));
            // the successor's principals see the merge too: its path goes in unitscope
            var event = events.create(EventTypes.UNIT_MERGED, source.id(), source.id(), null,
                    path(tree.ancestorsOn(source.id(), effectiveDate.minusDays(1)), source.id()),
                    existingTarget.isPresent() ? path(tree.ancestorsOn(target, effectiveDate), target) : List.of(target),
                    new UnitMerged(source.id(), List.copyOf(sourceIds), target, effectiveDate));
            if (!store.end(ended, event)) {
                throw ApiException.conflict("Unit " + source.id() + " has ended meanwhile");
            }
            tree.put(ended);
        }
        if (targetId == null && existingTarget.isEmpty()) {
            createAll(List.of(new Draft(target, newTarget)), effectiveDate);
        }
        LocalDate lastDay = effectiveDate.minusDays(1);
        return new MergeResult(sourceIds.stream().map(id -> tree.on(id, lastDay).orElseThrow()).toList(),
                tree.on(target, effectiveDate).orElseThrow(), effectiveDate);
    }

    private void checkTarget(String id, boolean valid, List<String> sourceIds, LocalDate effectiveDate, String field) {
        if (!valid) {
            throw ApiException.rejected("Unit " + id + " does not exist on " + effectiveDate,
                    new FieldError(field, "not valid on effectiveDate"));
        }
        if (sourceIds.stream().anyMatch(source -> tree.isOrHasAncestorFrom(id, source, effectiveDate))) {
            throw ApiException.rejected("A unit cannot be merged into one of its descendants",
                    new FieldError(field, "is a descendant of a source"));
        }
    }

    private void checkNewTarget(NewUnit target, List<String> sourceIds, LocalDate effectiveDate) {
        if (target.parentId() != null) {
            UnitHistory parent = history(target.parentId()).orElseThrow(() -> ApiException.rejected(
                    "Parent unit " + target.parentId() + " does not exist",
                    new FieldError("target.parentId", "unknown unit")));
            if (sourceIds.contains(parent.id())) {
                throw ApiException.rejected("The new unit cannot hang under a unit merged into it",
                        new FieldError("target.parentId", "is a source"));
            }
            checkTarget(parent.id(), parent.validOn(effectiveDate), sourceIds, effectiveDate, "target.parentId");
        }
        store.findActiveByCode(target.code()).filter(holder -> !sourceIds.contains(holder.id())).ifPresent(holder -> {
            throw ApiException.conflict("A unit valid now already has code " + target.code());
        });
    }

    /** The same merge request always names the same new target, so a retry finds what the first attempt made. */
    private static String derivedId(List<String> sourceIds, NewUnit target, LocalDate effectiveDate) {
        String key = "merge|" + String.join(",", sourceIds.stream().sorted().toList()) + "|" + effectiveDate + "|"
                + target.code();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static void requireInScope(String id, Scope scope) {
        if (!scope.covers(id)) {
            throw ApiException.notFound("Unit", id);
        }
    }

    /** A day on which to show a unit asked for without a date: today, else its last (or first) day. */
    private LocalDate representativeDay(UnitHistory unit) {
        LocalDate today = today();
        if (today.isBefore(unit.validFrom())) {
            return unit.validFrom();
        }
        return unit.validTo() != null && !today.isBefore(unit.validTo()) ? unit.validTo().minusDays(1) : today;
    }

    /** From the tree; a unit another process wrote since start is read from the store once. */
    private Optional<UnitHistory> history(String id) {
        Optional<UnitHistory> known = tree.get(id);
        if (known.isPresent()) {
            return known;
        }
        Optional<UnitHistory> stored = store.findHistory(id);
        stored.ifPresent(tree::put);
        return stored;
    }

    private static List<String> path(List<String> ancestors, String id) {
        var path = new ArrayList<>(ancestors);
        path.add(Objects.requireNonNull(id));
        return List.copyOf(path);
    }

}
