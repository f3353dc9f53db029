package vn.phoihop.platform.audit.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditLog;
import vn.phoihop.platform.audit.AuditOutcome;
import vn.phoihop.platform.audit.AuditQuery;
import vn.phoihop.platform.audit.AuditTrail;

/**
 * The service's {@code audit} collection: insert and find, nothing else (no update, replace or delete exists here,
 * and {@code AuditAppendOnlyTest} keeps it so). The {@code _id} starts with the instant in a fixed-width form, so
 * ids sort by time: "newest first" and a time range are an {@code _id} range, which even the embedded server
 * serves from its index; the other filters are checked on the entries of that range.
 */
public class MongoAuditLog implements AuditLog, AuditTrail {

    public static final String COLLECTION = "audit";
    /** Nanoseconds always written out: {@code Instant.toString()} drops zeros, and "…00Z" would sort after "…00.5Z". */
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final MongoCollection<Document> audit;

    public MongoAuditLog(MongoDatabase database) {
        // acknowledged by a majority where there is one: an unmasked read waits for its audit entry
        this.audit = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY);
    }

    /** The lowest id an entry made at {@code at} can have. */
    public static String idPrefix(Instant at) {
        return INSTANT.format(at);
    }

    @Override
    public void record(AuditEntry e) {
        audit.insertOne(new Document("_id", idPrefix(e.at()) + "~" + UUID.randomUUID())
                .append("at", Date.from(e.at()))
                .append("actor", e.actor())
                .append("action", e.action())
                .append("resourceType", e.resourceType())
                .append("resourceIds", e.resourceIds())
                .append("unitId", e.unitId())
                .append("from", e.from())
                .append("requestId", e.requestId())
                .append("outcome", e.outcome().name())
                .append("purpose", e.purpose()));
    }

    @Override
    public List<StoredEntry> find(AuditQuery q) {
        List<Bson> filters = new ArrayList<>();
        if (q.since() != null) {
            filters.add(Filters.gte("_id", idPrefix(q.since())));
        }
        if (q.until() != null) {
            filters.add(Filters.lt("_id", idPrefix(q.until())));
        }
        if (q.before() != null) {
            filters.add(Filters.lt("_id", q.before()));
        }
        equal(filters, "actor", q.actor());
        equal(filters, "action", q.action());
        equal(filters, "resourceType", q.resourceType());
        equal(filters, "resourceIds", q.resourceId()); // an element of the array
        equal(filters, "unitId", q.unitId());
        equal(filters, "requestId", q.requestId());
        equal(filters, "outcome", q.outcome() == null ? null : q.outcome().name());
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<StoredEntry> found = new ArrayList<>();
        for (Document d : audit.find(filter).sort(Sorts.descending("_id")).limit(q.limit())) {
            found.add(new StoredEntry(d.getString("_id"), entryOf(d)));
        }
        return found;
    }

    private static void equal(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(Filters.eq(field, value)); // a string compared as is: never read as an operator
        }
    }

    private static AuditEntry entryOf(Document d) {
        return new AuditEntry(d.getDate("at").toInstant(), d.getString("actor"), d.getString("action"),
                d.getString("resourceType"), d.getList("resourceIds", String.class, List.of()), d.getString("unitId"),
                d.getString("from"), d.getString("requestId"), AuditOutcome.valueOf(d.getString("outcome")),
                d.getString("purpose"));
    }
}
