package vn.phoihop.program.progress;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import vn.phoihop.program.progress.mongo.ProgressGenerations;

/** Looks into the stored read model, for what the HTTP API does not show: versions applied and raw counters. */
final class ReadModelProbe {

    private final MongoDatabase database;
    private final ProgressGenerations generations;

    ReadModelProbe(MongoDatabase database, ProgressGenerations generations) {
        this.database = database;
        this.generations = generations;
    }

    int current() {
        return generations.load().current();
    }

    /** The version of the activity the current generation has applied; 0 if none. */
    int appliedVersion(String activityId) {
        Document doc = database.getCollection("activity_contributions_g" + current()).find(eq("_id", activityId)).first();
        return doc == null ? 0 : doc.getInteger("version");
    }

    /**
     * Every non-zero counter of a program in a generation, by id. A counter that went back to zero is left out: a
     * replay that never saw the activity count has no such counter at all.
     */
    Map<String, BigDecimal> counters(int generation, String programId) {
        var counters = new TreeMap<String, BigDecimal>();
        for (Document doc : database.getCollection("progress_counters_g" + generation)
                .find(regex("_id", "^" + programId + "\\|"))) {
            BigDecimal value = new BigDecimal(doc.get("value", Decimal128.class).toString());
            if (value.signum() != 0) {
                counters.put(doc.getString("_id"), value.stripTrailingZeros());
            }
        }
        return counters;
    }

    void setCounter(String counterId, double value) {
        database.getCollection("progress_counters_g" + current()).updateOne(eq("_id", counterId),
                new Document("$set", new Document("value", new Decimal128(BigDecimal.valueOf(value)))));
    }
}
