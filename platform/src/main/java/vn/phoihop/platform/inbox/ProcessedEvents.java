package vn.phoihop.platform.inbox;

import vn.phoihop.platform.mongo.DuplicateKeys;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;

/**
 * Which events a consumer has fully applied, by CloudEvent id. A consumer checks before applying and
 * records after; its own writes must be idempotent for a redelivery that comes between the two.
 */
public class ProcessedEvents {

    private final MongoCollection<Document> processed;

    public ProcessedEvents(MongoDatabase database) {
        this.processed = database.getCollection("processed_events");
    }

    public boolean contains(String consumer, String eventId) {
        return processed.find(eq("_id", id(consumer, eventId))).first() != null;
    }

    public void add(String consumer, String eventId) {
        DuplicateKeys.ignore(() -> processed.insertOne(new Document("_id", id(consumer, eventId)).append("at", Instant.now())));
    }

    /** Those of {@code eventIds} the consumer has applied: one {@code $in} lookup on {@code _id}. */
    public Set<String> containing(String consumer, Collection<String> eventIds) {
        var found = new HashSet<String>();
        if (eventIds.isEmpty()) {
            return found;
        }
        String prefix = id(consumer, "");
        processed.find(in("_id", eventIds.stream().map(e -> id(consumer, e)).toList()))
                .projection(Projections.include("_id"))
                .forEach(doc -> found.add(doc.getString("_id").substring(prefix.length())));
        return found;
    }

    /** Records many events at once; those already recorded stay as they are. */
    public void addAll(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try {
            processed.insertMany(eventIds.stream().map(e -> new Document("_id", id(consumer, e)).append("at", now)).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    private static String id(String consumer, String eventId) {
        return consumer + "/" + eventId;
    }
}
