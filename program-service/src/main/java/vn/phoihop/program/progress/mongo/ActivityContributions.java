package vn.phoihop.program.progress.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.platform.mongo.DuplicateKeys;
import vn.phoihop.program.progress.Contribution;

/**
 * What each activity last contributed to the counters of one generation, {@code _id} the activity id. Written after
 * the counters it accounts for, and only over an older version, so it is the guard that makes later, duplicate and
 * stale events of the activity change nothing.
 */
@Repository
public class ActivityContributions {

    private final MongoDatabase database;

    public ActivityContributions(MongoDatabase database) {
        this.database = database;
    }

    public Optional<Contribution> find(int generation, String activityId) {
        Document doc = collection(generation).find(eq("_id", activityId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        var counted = new LinkedHashMap<String, Double>();
        doc.get("counted", Document.class).forEach((code, value) -> counted.put(code, ((Number) value).doubleValue()));
        return Optional.of(new Contribution(activityId, doc.getInteger("version"), doc.getString("programId"),
                doc.getList("unitPath", String.class), LocalDate.parse(doc.getString("occurredOn")), counted));
    }

    /** Stores {@code c} unless a contribution of the same or a later version is there already. */
    public void store(int generation, Contribution c) {
        var doc = new Document("_id", c.activityId()).append("version", c.version()).append("programId", c.programId())
                .append("unitPath", c.unitPath()).append("occurredOn", c.occurredOn().toString())
                .append("counted", new Document(new LinkedHashMap<String, Object>(c.counted())));
        // a newer one already stored misses the filter, and the upsert's insert collides with it
        DuplicateKeys.ignore(() -> collection(generation).replaceOne(
                and(eq("_id", c.activityId()), lt("version", c.version())), doc, new ReplaceOptions().upsert(true)));
    }

    static String collectionName(int generation) {
        return "activity_contributions_g" + generation;
    }

    private MongoCollection<Document> collection(int generation) {
        return database.getCollection(collectionName(generation));
    }
}
