package vn.phoihop.unit.unit.mongo;

import vn.phoihop.platform.mongo.DuplicateKeys;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;

/** Units in the {@code units} collection, one document each, with their pending events inside. */
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

    public void insert(Unit unit, CloudEvent created) {
        Document doc = toDocument(unit).append("activeCode", unit.code())
                .append(Outbox.FIELD, List.of(Outbox.entry(created, Topics.UNITS)));
        DuplicateKeys.or(() -> outbox.write(COLLECTION, unit.id(), () -> units.insertOne(doc)),
                () -> ApiException.conflict("A unit with code " + unit.code() + " already exists"));
    }

    /** The unit valid today that holds {@code code}, by the unique {@code activeCode} index. */
    public Optional<Unit> findActiveByCode(String code) {
        return Optional.ofNullable(units.find(eq("activeCode", code)).first()).map(UnitStore::toUnit);
    }

    public Optional<Unit> find(String id) {
        return Optional.ofNullable(units.find(eq("_id", id)).first()).map(UnitStore::toUnit);
    }

    private static Document toDocument(Unit unit) {
        return new Document("_id", unit.id())
                .append("code", unit.code())
                .append("name", unit.name())
                .append("kind", unit.kind().name())
                .append("parentId", unit.parentId())
                .append("ancestorIds", unit.ancestorIds())
                .append("validFrom", unit.validFrom().toString())
                .append("validTo", unit.validTo() == null ? null : unit.validTo().toString())
                .append("successorIds", unit.successorIds());
    }

    private static Unit toUnit(Document doc) {
        String validTo = doc.getString("validTo");
        return new Unit(doc.getString("_id"), doc.getString("code"), doc.getString("name"),
                UnitKind.valueOf(doc.getString("kind")), doc.getString("parentId"),
                doc.getList("ancestorIds", String.class), LocalDate.parse(doc.getString("validFrom")),
                validTo == null ? null : LocalDate.parse(validTo), doc.getList("successorIds", String.class));
    }
}
