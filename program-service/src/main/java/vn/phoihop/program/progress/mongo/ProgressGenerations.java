package vn.phoihop.program.progress.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.platform.mongo.DuplicateKeys;
import vn.phoihop.program.progress.Generations;
import vn.phoihop.program.progress.latest.mongo.LatestReports;

/** The one document that says which generation of the progress read model is which; changed by conditional updates only. */
@Repository
public class ProgressGenerations {

    private static final String ID = "progress";

    private final MongoDatabase database;
    private final MongoCollection<Document> model;
    private final ProgressAttempts attempts;

    public ProgressGenerations(MongoDatabase database, ProgressAttempts attempts) {
        this.database = database;
        this.model = database.getCollection("progress_model");
        this.attempts = attempts;
    }

    public Generations load() {
        Document doc = model.find(eq("_id", ID)).first();
        if (doc == null) {
            String modelId = java.util.UUID.randomUUID().toString().substring(0, 8);
            DuplicateKeys.ignore(() -> model.updateOne(eq("_id", ID),
                    combine(setOnInsert("current", 1), setOnInsert("modelId", modelId)), new UpdateOptions().upsert(true)));
            doc = model.find(eq("_id", ID)).first();
        }
        return new Generations(doc.getString("modelId"), doc.getInteger("current"), doc.getInteger("building"), doc.getInteger("previous"),
                instant(doc, "startedAt"), instant(doc, "finishedAt"), ((Number) doc.getOrDefault("replayed", 0L)).longValue());
    }

    /** Marks {@code next} as being built, if the model is still as {@code seen} and nothing is being built. */
    public boolean startBuilding(Generations seen, int next, Instant at) {
        return model.updateOne(and(eq("_id", ID), eq("current", seen.current()), eq("building", null)),
                combine(set("building", next), set("startedAt", Date.from(at)), unset("finishedAt"), set("replayed", 0L)))
                .getModifiedCount() == 1;
    }

    /** Makes {@code building} the current generation; the one it replaces becomes {@code previous}. */
    public boolean swap(Generations seen, Instant at, long replayed) {
        return model.updateOne(and(eq("_id", ID), eq("current", seen.current()), eq("building", seen.building())),
                combine(set("current", seen.building()), set("previous", seen.current()), unset("building"),
                        set("finishedAt", Date.from(at)), set("replayed", replayed)))
                .getModifiedCount() == 1;
    }

    public void forgetPrevious(int previous) {
        model.updateOne(and(eq("_id", ID), eq("previous", previous)), unset("previous"));
    }

    /**
     * Removes everything of one generation: its counters, its contributions, its latest values, its noted offsets and the marks in
     * processed_events that earlier versions of the projector left.
     */
    public void dropData(int generation) {
        var names = new java.util.HashSet<String>();
        database.listCollectionNames().into(names);
        var dropped = new java.util.ArrayList<>(List.of(ProgressCounters.collectionName(generation),
                ActivityContributions.collectionName(generation)));
        dropped.addAll(LatestReports.collectionNames(generation));
        for (String name : dropped) {
            if (names.contains(name)) { // the embedded server logs an error for dropping what is not there
                database.getCollection(name).drop();
            }
        }
        attempts.forget(generation);
        // anchored on the _id prefix, so MongoDB walks the _id index only
        database.getCollection("processed_events").deleteMany(regex("_id", "^progress-g" + generation + "/"));
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
