package vn.phoihop.program.progress.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Repository;

/**
 * Progress counters of one generation of the read model: one document per program × indicator × unit × period
 * bucket, {@code _id} {@code programId|indicator|unitId|bucket}, holding the running total as a decimal.
 *
 * <p>Each counter remembers, per topic partition, the offset of the last event that changed it. A change carries its
 * event's offset and applies only above it, so redelivering an event after a crash, or replaying the topic into the
 * same counters, changes nothing twice — without transactions (ADR 0003).
 */
@Repository
public class ProgressCounters {

    private final MongoDatabase database;

    public ProgressCounters(MongoDatabase database) {
        this.database = database;
    }

    /**
     * Adds each amount to its counter unless the event at {@code partition}/{@code offset} already did. One unordered
     * bulk: a crash may apply part of it, and the redelivered event then applies the rest.
     */
    public void add(int generation, Map<String, BigDecimal> amounts, String partition, long offset) {
        if (amounts.isEmpty()) {
            return;
        }
        String mark = "offsets." + partition;
        var writes = amounts.entrySet().stream().map(e -> new UpdateOneModel<Document>(
                and(eq("_id", e.getKey()), or(exists(mark, false), lt(mark, offset))),
                combine(inc("value", new Decimal128(e.getValue())), set(mark, offset)),
                new UpdateOptions().upsert(true))).toList();
        try {
            collection(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // a counter that has seen this offset misses the filter, and the upsert's insert collides with it
            if (e.getWriteConcernError() != null || e.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** Current values of the given counters; a counter never changed is absent. */
    public Map<String, BigDecimal> values(int generation, Collection<String> ids) {
        var values = new HashMap<String, BigDecimal>();
        for (Document doc : collection(generation).find(in("_id", ids))) {
            values.put(doc.getString("_id"), decimal(doc.get("value")));
        }
        return values;
    }

    static BigDecimal decimal(Object value) {
        // via the text: a sum that came back to zero may be a negative zero, which bigDecimalValue() refuses
        return value instanceof Decimal128 d ? new BigDecimal(d.toString()) : BigDecimal.valueOf(((Number) value).doubleValue());
    }

    static String collectionName(int generation) {
        return "progress_counters_g" + generation;
    }

    private MongoCollection<Document> collection(int generation) {
        return database.getCollection(collectionName(generation));
    }
}
