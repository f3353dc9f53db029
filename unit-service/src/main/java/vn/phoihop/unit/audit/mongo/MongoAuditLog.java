package vn.phoihop.unit.audit.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.unit.audit.AuditEntry;
import vn.phoihop.unit.audit.AuditLog;

/**
 * The {@code audit} collection: insert-only. The {@code _id} starts with the instant, so a later admin query
 * by time range reads an {@code _id} range instead of scanning (the embedded server indexes only {@code _id}).
 */
@Repository
public class MongoAuditLog implements AuditLog {

    static final String COLLECTION = "audit";

    private final MongoCollection<Document> audit;

    public MongoAuditLog(MongoDatabase database) {
        // acknowledged by a majority where there is one: an unmasked read waits for its audit entry
        this.audit = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY);
    }

    @Override
    public void record(AuditEntry e) {
        audit.insertOne(new Document("_id", e.at() + "~" + UUID.randomUUID())
                .append("at", Date.from(e.at()))
                .append("actor", e.actor())
                .append("action", e.action())
                .append("resourceType", e.resourceType())
                .append("resourceIds", e.resourceIds())
                .append("unitId", e.unitId())
                .append("purpose", e.purpose())
                .append("requestId", e.requestId())
                .append("outcome", e.outcome().name()));
    }
}
