package vn.phoihop.program.progress.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Repository;
import vn.phoihop.platform.mongo.Decimals;
import vn.phoihop.program.progress.Contribution;

/**
 * What each activity last contributed to the counters of one generation, {@code _id} the activity id. Written after
 * the counters it accounts for, so it is the guard that makes later, duplicate and stale events of the activity change
 * nothing. Filters are on {@code _id} alone (the embedded server scans for anything else): the one consumer of a
 * generation read the stored versions in the same batch and stores only newer ones.
 */
@Repository
public class ActivityContributions {

    private final MongoDatabase database;

    public ActivityContributions(MongoDatabase database) {
        this.database = database;
    }

    /** The stored contributions of the given activities, by activity id; one {@code $in} query. */
    public Map<String, Contribution> find(int generation, Collection<String> activityIds) {
        var found = new HashMap<String, Contribution>();
        if (activityIds.isEmpty()) {
            return found;
        }
        for (Document doc : collection(generation).find(in("_id", activityIds))) {
            // doubles stored before figures were decimals read as the decimal the counters were moved by then
            var counted = new LinkedHashMap<String, BigDecimal>();
            doc.get("counted", Document.class).forEach((code, value) -> counted.put(code, Decimals.read(value)));
            found.put(doc.getString("_id"), new Contribution(doc.getString("_id"), doc.getInteger("version"),
                    doc.getString("programId"), doc.getList("unitPath", String.class),
                    LocalDate.parse(doc.getString("occurredOn")), counted));
        }
        return found;
    }

    /**
     * Stores newer contributions in one unordered bulk: an insert where none was stored ({@code stored} lacks it), a
     * replacement by {@code _id} otherwise. A duplicate key means another writer got there first: the batch fails and
     * is retried from a fresh read.
     */
    public void store(int generation, Collection<Contribution> newer, Set<String> stored) {
        if (newer.isEmpty()) {
            return;
        }
        var writes = newer.stream().<WriteModel<Document>>map(c -> stored.contains(c.activityId())
                ? new ReplaceOneModel<>(eq("_id", c.activityId()), document(c))
                : new InsertOneModel<>(document(c))).toList();
        collection(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static Document document(Contribution c) {
        return new Document("_id", c.activityId()).append("version", c.version()).append("programId", c.programId())
                .append("unitPath", c.unitPath()).append("occurredOn", c.occurredOn().toString())
                .append("counted", decimals(c.counted()));
    }

    private static Document decimals(Map<String, BigDecimal> figures) {
        var doc = new Document();
        figures.forEach((code, value) -> doc.append(code, new Decimal128(value)));
        return doc;
    }

    static String collectionName(int generation) {
        return "activity_contributions_g" + generation;
    }

    private MongoCollection<Document> collection(int generation) {
        return database.getCollection(collectionName(generation));
    }
}
