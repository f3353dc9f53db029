package vn.phoihop.platform.outbox;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.platform.web.RequestIds;

/**
 * The transactional outbox without transactions: an aggregate's events are written inside the
 * aggregate's own document (field {@value #FIELD}) by the same single-document write that changes it,
 * so both happen or neither does. The {@link OutboxRelay} publishes them and removes them.
 *
 * <p>So that the relay never has to scan aggregate collections for leftovers, a small marker
 * ({@code outbox_markers}) is written <em>before</em> the aggregate: a crash after it and before the
 * write leaves a harmless marker, a crash after the write leaves a marker the relay's sweep finds.
 */
public class Outbox {

    public static final String FIELD = "outbox";
    static final String MARKERS = "outbox_markers";

    private final MongoCollection<Document> markers;
    private final OutboxRelay relay;

    public Outbox(MongoDatabase database, OutboxRelay relay) {
        this.markers = database.getCollection(MARKERS);
        this.relay = relay;
    }

    /** The entry to put in the aggregate's {@value #FIELD} array for this event. */
    public static Document entry(CloudEvent event, String topic) {
        var entry = new Document("id", event.id())
                .append("topic", topic)
                .append("key", event.partitionkey())
                .append("value", EventCodec.encode(event));
        String requestId = RequestIds.current();
        if (requestId != null) {
            entry.append("requestId", requestId);
        }
        return entry;
    }

    /**
     * Runs {@code write}, which must put entries made by {@link #entry} into the document
     * {@code aggregateId} of {@code collection} in one single-document operation, and has them published.
     */
    public <T> T write(String collection, String aggregateId, Supplier<T> write) {
        markers.updateOne(eq("_id", OutboxRelay.markerId(collection, aggregateId)), mark(collection, aggregateId),
                new UpdateOptions().upsert(true));
        T result = write.get();
        relay.schedule(collection, aggregateId);
        return result;
    }

    /**
     * {@link #write} for documents of one collection written by one bulk operation (an import): their markers go in
     * one round trip before it.
     */
    public <T> T writeAll(String collection, List<String> aggregateIds, Supplier<T> write) {
        markers.bulkWrite(aggregateIds.stream().<WriteModel<Document>>map(id -> new UpdateOneModel<>(
                eq("_id", OutboxRelay.markerId(collection, id)), mark(collection, id), new UpdateOptions().upsert(true)))
                .toList(), new BulkWriteOptions().ordered(false));
        T result = write.get();
        aggregateIds.forEach(id -> relay.schedule(collection, id));
        return result;
    }

    private static Bson mark(String collection, String aggregateId) {
        return combine(setOnInsert("collection", collection), setOnInsert("aggregateId", aggregateId),
                setOnInsert("since", Instant.now()), inc("seq", 1));
    }
}
