package vn.phoihop.program.progress.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.max;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * Per generation, the highest offset of each topic partition whose counter changes may have been written: noted
 * before a batch writes its counters, never lowered. A batch whose changes all lie above it is not a redelivery, so
 * no counter can hold a mark for them and the marks need not be read (ADR 0006). One document per generation, by
 * {@code _id}.
 */
@Repository
public class ProgressAttempts {

    private final MongoCollection<Document> attempts;

    public ProgressAttempts(MongoDatabase database) {
        this.attempts = database.getCollection("progress_attempts");
    }

    /** Partition → highest offset noted; empty when the generation never wrote a counter. */
    public Map<String, Long> highest(int generation) {
        var highest = new HashMap<String, Long>();
        Document doc = attempts.find(eq("_id", id(generation))).first();
        if (doc != null && doc.get("offsets") instanceof Document offsets) {
            offsets.forEach((partition, offset) -> highest.put(partition, ((Number) offset).longValue()));
        }
        return highest;
    }

    /** Raises the noted offsets to {@code offsets} where they are higher; one upsert by {@code _id}. */
    public void note(int generation, Map<String, Long> offsets) {
        if (!offsets.isEmpty()) {
            attempts.updateOne(eq("_id", id(generation)), combine(offsets.entrySet().stream()
                    .map(e -> max("offsets." + e.getKey(), e.getValue())).toList()), new UpdateOptions().upsert(true));
        }
    }

    void forget(int generation) {
        attempts.deleteOne(eq("_id", id(generation)));
    }

    private static String id(int generation) {
        return "g" + generation;
    }
}
