package vn.phoihop.program.unitview.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.addEachToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.program.unitview.UnitPlace;

/**
 * {@code unit_view}: one small document per unit, its parent today and, once merged, its end, successor and
 * ancestors on its last day; on a merge target, the units merged into it. {@code unit_view_version} counts the
 * changes, so an in-memory copy can tell with one lookup whether it is current.
 */
@Repository
public class UnitPlaces {

    private static final String VERSION = "version";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> places;
    private final MongoCollection<Document> versions;

    public UnitPlaces(MongoDatabase database) {
        this.places = database.getCollection("unit_view");
        this.versions = database.getCollection("unit_view_version");
    }

    public void placed(String unitId, String parentId) {
        places.updateOne(eq("_id", unitId), set("parentId", parentId), UPSERT);
    }

    public void named(String unitId, String name) {
        places.updateOne(eq("_id", unitId), set("name", name), UPSERT);
    }

    /** A unit ends once, so setting the same end again (redelivery, replay) changes nothing. */
    public void ended(String unitId, LocalDate on, String successorId, List<String> ancestorsOnLastDay) {
        places.updateOne(eq("_id", unitId), combine(set("validTo", on.toString()), set("successorIds", List.of(successorId)),
                set("endAncestorIds", ancestorsOnLastDay)), UPSERT);
    }

    /** A set, so every source's event of one merge, and any replay of them, adds each source once. */
    public void succeeded(String targetId, Collection<String> sourceIds) {
        places.updateOne(eq("_id", targetId), addEachToSet("predecessorIds", List.copyOf(sourceIds)), UPSERT);
    }

    /** Counts one more change; answers the new count. */
    public long changed() {
        Document doc = versions.findOneAndUpdate(eq("_id", VERSION), inc("n", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return doc.get("n", Number.class).longValue();
    }

    /** The number of changes so far (0 before the first). */
    public long version() {
        Document doc = versions.find(eq("_id", VERSION)).first();
        return doc == null ? 0 : doc.get("n", Number.class).longValue();
    }

    public Optional<UnitPlace> find(String unitId) {
        return Optional.ofNullable(places.find(eq("_id", unitId)).first()).map(UnitPlaces::place);
    }

    public List<UnitPlace> find(Collection<String> unitIds) {
        return places.find(in("_id", unitIds)).map(UnitPlaces::place).into(new ArrayList<>());
    }

    /** Every unit: a plain read of small documents (about 14,000 for the national tree), never an aggregation. */
    public List<UnitPlace> all() {
        return places.find().map(UnitPlaces::place).into(new ArrayList<>());
    }

    private static UnitPlace place(Document d) {
        return new UnitPlace(d.getString("_id"), d.getString("name"), d.getString("parentId"),
                d.getString("validTo") == null ? null : LocalDate.parse(d.getString("validTo")),
                d.getList("successorIds", String.class), d.getList("predecessorIds", String.class),
                d.getList("endAncestorIds", String.class));
    }
}
