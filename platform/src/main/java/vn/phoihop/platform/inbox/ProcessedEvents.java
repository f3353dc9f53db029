package vn.phoihop.platform.inbox;

import vn.phoihop.platform.mongo.DuplicateKeys;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
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

    private static String id(String consumer, String eventId) {
        return consumer + "/" + eventId;
    }
}
