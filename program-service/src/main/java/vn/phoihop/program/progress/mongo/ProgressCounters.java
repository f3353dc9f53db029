package vn.phoihop.program.progress.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Repository;
import vn.phoihop.platform.mongo.Decimals;
import vn.phoihop.program.progress.CounterChange;
import vn.phoihop.program.progress.CounterWrites;

/**
 * Progress counters of one generation of the read model: one document per program × indicator × unit × period
 * bucket, {@code _id} {@code programId|indicator|unitId|bucket}, holding the running total as a decimal.
 *
 * <p>Each counter remembers, per topic partition, the offset of the last event whose change it took, and writes value
 * and marks together in one document update. A batch that may be a redelivery reads those marks and leaves out the
 * changes a counter already took, so redelivering events after a crash, in any batches, changes nothing twice —
 * without transactions (ADR 0003, ADR 0006). Whether it may be one, {@link ProgressAttempts} tells. Every filter is on
 * {@code _id} alone: the embedded server scans the whole collection for any other filter.
 */
@Repository
public class ProgressCounters {

    private static final Logger log = LoggerFactory.getLogger(ProgressCounters.class);

    private final MongoDatabase database;
    private final ProgressAttempts attempts;

    public ProgressCounters(MongoDatabase database, ProgressAttempts attempts) {
        this.database = database;
        this.attempts = attempts;
    }

    /**
     * Applies a batch's changes, each to the counters that have not taken it yet. The batch's offsets are noted first;
     * the marks are read only if some change is not above what was noted before, i.e. after a crash.
     */
    public void apply(int generation, List<CounterChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        boolean fresh = CounterWrites.allAbove(changes, attempts.highest(generation));
        attempts.note(generation, CounterWrites.highest(changes));
        var writes = CounterWrites.of(changes, fresh ? Map.of() : marks(generation, CounterWrites.touched(changes)));
        write(generation, writes);
        log.debug("Generation {}: {} changes written to {} counters{}", generation, changes.size(), writes.size(),
                fresh ? "" : ", after reading their marks");
    }

    /** The stored marks of the given counters: counter id → partition → offset. */
    public Map<String, Map<String, Long>> marks(int generation, Collection<String> ids) {
        var marks = new HashMap<String, Map<String, Long>>();
        for (Document doc : collection(generation).find(in("_id", ids)).projection(Projections.include("offsets"))) {
            var offsets = new HashMap<String, Long>();
            Document stored = doc.get("offsets", Document.class);
            if (stored != null) {
                stored.forEach((partition, offset) -> offsets.put(partition, ((Number) offset).longValue()));
            }
            marks.put(doc.getString("_id"), offsets);
        }
        return marks;
    }

    /** One unordered bulk of upserts by {@code _id}; a crash may apply part of it, the redelivery the rest. */
    public void write(int generation, Map<String, CounterWrites.Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        var upsert = new UpdateOptions().upsert(true);
        var models = writes.entrySet().stream().map(e -> {
            var update = new ArrayList<Bson>(List.of(inc("value", new Decimal128(e.getValue().amount()))));
            e.getValue().marks().forEach((partition, offset) -> update.add(set("offsets." + partition, offset)));
            return new UpdateOneModel<Document>(eq("_id", e.getKey()), combine(update), upsert);
        }).toList();
        collection(generation).bulkWrite(models, new BulkWriteOptions().ordered(false));
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
        BigDecimal read = Decimals.read(value);
        return read == null ? BigDecimal.ZERO : read;
    }

    static String collectionName(int generation) {
        return "progress_counters_g" + generation;
    }

    private MongoCollection<Document> collection(int generation) {
        return database.getCollection(collectionName(generation));
    }
}
