package vn.phoihop.auth.unit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * {@code unit_view}: one document per unit, {@code {_id: unitId, parentId}}, its parent in today's tree ({@code null}
 * for a root). {@code unit_view_version} counts the changes, so {@link UnitTree}'s copy can tell with one lookup
 * by {@code _id} whether it is current.
 */
final class UnitPlaces {

    private static final String VERSION = "version";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> places;
    private final MongoCollection<Document> versions;

    UnitPlaces(MongoDatabase database) {
        this.places = database.getCollection("unit_view");
        this.versions = database.getCollection("unit_view_version");
    }

    /** Sets where the unit hangs; setting the same again (redelivery, replay) changes nothing but the counter. */
    void placed(String unitId, String parentId) {
        places.updateOne(eq("_id", unitId), set("parentId", parentId), UPSERT);
        versions.updateOne(eq("_id", VERSION), inc("n", 1L), UPSERT);
    }

    long version() {
        Document doc = versions.find(eq("_id", VERSION)).first();
        return doc == null ? 0 : doc.get("n", Number.class).longValue();
    }

    /** Every unit's parent: small documents (about 14,000 for the national tree), read whole. */
    Map<String, String> parents() {
        var parents = new HashMap<String, String>();
        for (Document d : places.find()) {
            parents.put(d.getString("_id"), d.getString("parentId"));
        }
        return parents;
    }
}
