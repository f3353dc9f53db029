package vn.phoihop.unit.unit.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.mongo.DuplicateKeys;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.Placement;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitHistory;
import vn.phoihop.unit.unit.UnitKind;

/**
 * Units in the {@code units} collection, one document each, with their pending events inside. Every write
 * changes one document by {@code _id} (or inserts one); an event is pushed to the document's outbox by the same
 * write. The top-level {@code parentId}/{@code ancestorIds} are those of the latest placement, kept for real
 * MongoDB's indexes; {@code placements} is the history.
 */
@Repository
public class UnitStore {

    static final String COLLECTION = "units";

    private final MongoCollection<Document> units;
    private final Outbox outbox;

    public UnitStore(MongoDatabase database, Outbox outbox) {
        this.units = database.getCollection(COLLECTION);
        this.outbox = outbox;
        // a code is unique among units valid now; activeCode is dropped when a unit ends
        units.createIndex(Indexes.ascending("activeCode"), new IndexOptions().unique(true).sparse(true));
        units.createIndex(Indexes.ascending("ancestorIds"));
    }

    /**
     * Inserts new units, each with its creation event, in one bulk write (in order: one whose code an active unit
     * holds stops it there with a 409, the units before it stored).
     */
    public void insertAll(List<UnitHistory> created, List<CloudEvent> events) {
        var docs = new ArrayList<Document>(created.size());
        for (int i = 0; i < created.size(); i++) {
            UnitHistory unit = created.get(i);
            docs.add(toDocument(unit).append("activeCode", unit.code())
                    .append(Outbox.FIELD, List.of(Outbox.entry(events.get(i), Topics.UNITS))));
        }
        DuplicateKeys.or(() -> outbox.writeAll(COLLECTION, created.stream().map(UnitHistory::id).toList(),
                        () -> units.insertMany(docs)),
                () -> ApiException.conflict(created.size() == 1 ? "A unit with code " + created.get(0).code()
                        + " already exists" : "A unit valid now already holds one of the codes"));
    }

    /** Stores a new code and name; a code held by another open unit is a 409. */
    public void rename(UnitHistory renamed, CloudEvent event) {
        var changes = new ArrayList<Bson>(List.of(set("code", renamed.code()), set("name", renamed.name()),
                set("searchKey", renamed.searchKey())));
        if (renamed.open()) {
            changes.add(set("activeCode", renamed.code()));
        }
        changes.add(push(Outbox.FIELD, Outbox.entry(event, Topics.UNITS)));
        DuplicateKeys.or(() -> outbox.write(COLLECTION, renamed.id(),
                        () -> units.updateOne(eq("_id", renamed.id()), combine(changes))),
                () -> ApiException.conflict("A unit valid now already has code " + renamed.code()));
    }

    /** Replaces the placement history, with {@code event} in the outbox when given (none for descendants). */
    public void place(UnitHistory unit, CloudEvent event) {
        Placement latest = unit.latestPlacement();
        var changes = new ArrayList<Bson>(List.of(set("placements", placements(unit)),
                set("parentId", latest.parentId()), set("ancestorIds", latest.ancestorIds())));
        if (event == null) {
            units.updateOne(eq("_id", unit.id()), combine(changes));
            return;
        }
        changes.add(push(Outbox.FIELD, Outbox.entry(event, Topics.UNITS)));
        outbox.write(COLLECTION, unit.id(), () -> units.updateOne(eq("_id", unit.id()), combine(changes)));
    }

    /**
     * Ends an open unit: {@code validTo}, successors, and the code freed; only if it is still open.
     *
     * @return false when it had already ended (nothing written)
     */
    public boolean end(UnitHistory ended, CloudEvent event) {
        var update = combine(set("validTo", ended.validTo().toString()), set("successorIds", ended.successorIds()),
                unset("activeCode"), push(Outbox.FIELD, Outbox.entry(event, Topics.UNITS)));
        return outbox.write(COLLECTION, ended.id(),
                () -> units.updateOne(and(eq("_id", ended.id()), eq("validTo", null)), update)).getModifiedCount() == 1;
    }

    /** The unit valid today that holds {@code code}, by the unique {@code activeCode} index. */
    public Optional<Unit> findActiveByCode(String code) {
        return Optional.ofNullable(units.find(eq("activeCode", code)).first()).map(d -> toUnit(toHistory(d)));
    }

    /** The units valid today that hold these codes, by code, in one query on the unique {@code activeCode} index. */
    public Map<String, Unit> findActiveByCodes(List<String> codes) {
        var found = new HashMap<String, Unit>();
        units.find(in("activeCode", codes)).projection(new Document(Outbox.FIELD, 0))
                .forEach(d -> found.put(d.getString("code"), toUnit(toHistory(d))));
        return found;
    }

    public Optional<Unit> find(String id) {
        return findHistory(id).map(UnitStore::toUnit);
    }

    public Optional<UnitHistory> findHistory(String id) {
        return Optional.ofNullable(units.find(eq("_id", id)).first()).map(UnitStore::toHistory);
    }

    /** Every unit, for building the in-memory tree at start; never on a request path. */
    public List<UnitHistory> loadAll() {
        var all = new ArrayList<UnitHistory>();
        units.find().projection(new Document(Outbox.FIELD, 0)).forEach(d -> all.add(toHistory(d)));
        return all;
    }

    private static Unit toUnit(UnitHistory h) {
        Placement latest = h.latestPlacement();
        return new Unit(h.id(), h.code(), h.name(), h.kind(), latest.parentId(), latest.ancestorIds(), h.validFrom(),
                h.validTo(), h.successorIds());
    }

    private static Document toDocument(UnitHistory unit) {
        Placement latest = unit.latestPlacement();
        return new Document("_id", unit.id())
                .append("code", unit.code())
                .append("name", unit.name())
                .append("searchKey", unit.searchKey())
                .append("kind", unit.kind().name())
                .append("parentId", latest.parentId())
                .append("ancestorIds", latest.ancestorIds())
                .append("placements", placements(unit))
                .append("validFrom", unit.validFrom().toString())
                .append("validTo", unit.validTo() == null ? null : unit.validTo().toString())
                .append("successorIds", unit.successorIds());
    }

    private static List<Document> placements(UnitHistory unit) {
        return unit.placements().stream().map(p -> new Document("parentId", p.parentId())
                .append("ancestorIds", p.ancestorIds()).append("from", p.from().toString())).toList();
    }

    private static UnitHistory toHistory(Document doc) {
        String validTo = doc.getString("validTo");
        LocalDate validFrom = LocalDate.parse(doc.getString("validFrom"));
        List<Document> stored = doc.getList("placements", Document.class);
        List<Placement> placements = stored == null || stored.isEmpty()
                // written before placements existed: one placement from validFrom
                ? List.of(new Placement(doc.getString("parentId"), doc.getList("ancestorIds", String.class), validFrom))
                : stored.stream().map(p -> new Placement(p.getString("parentId"), p.getList("ancestorIds", String.class),
                        LocalDate.parse(p.getString("from")))).toList();
        return new UnitHistory(doc.getString("_id"), doc.getString("code"), doc.getString("name"),
                UnitKind.valueOf(doc.getString("kind")), placements, validFrom,
                validTo == null ? null : LocalDate.parse(validTo), doc.getList("successorIds", String.class));
    }
}
