package vn.phoihop.program.progress.mongo;

import vn.phoihop.platform.mongo.DuplicateKeys;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * Progress counters: one document per program × indicator × unit × period bucket, {@code _id}
 * {@code programId|indicator|unitId|bucket}, holding the running total.
 *
 * <p>Each counter remembers, per topic partition, the offset of the last event it took in. An
 * increment carries its event's offset and applies only above it, so redelivering an event after a
 * crash, or replaying the topic into the same counters, adds nothing twice — without transactions.
 */
@Repository
public class ProgressCounters {

    private final MongoCollection<Document> counters;

    public ProgressCounters(MongoDatabase database) {
        this.counters = database.getCollection("progress_counters");
    }

    public static String id(String programId, String indicator, String unitId, String bucket) {
        return programId + "|" + indicator + "|" + unitId + "|" + bucket;
    }

    /** Adds {@code amount} to counter {@code id} unless the event at {@code partition}/{@code offset} already did. */
    public void add(String id, double amount, String partition, long offset) {
        String mark = "offsets." + partition;
        // when the counter exists and has seen this offset, the upsert's insert collides with it
        DuplicateKeys.ignore(() -> counters.updateOne(and(eq("_id", id), or(exists(mark, false), lt(mark, offset))),
                combine(inc("value", amount), set(mark, offset)), new UpdateOptions().upsert(true)));
    }

    /** Current values of the given counters; a counter never incremented is absent. */
    public Map<String, Double> values(Collection<String> ids) {
        var values = new HashMap<String, Double>();
        for (Document doc : counters.find(in("_id", ids))) {
            values.put(doc.getString("_id"), doc.get("value", Number.class).doubleValue());
        }
        return values;
    }
}
