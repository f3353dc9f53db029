package vn.phoihop.program.progress.latest.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Repository;
import vn.phoihop.platform.mongo.Decimals;
import vn.phoihop.program.progress.latest.Report;
import vn.phoihop.program.progress.latest.ReportChange;
import vn.phoihop.program.progress.latest.Reporting;

/**
 * The latest-value read model of one generation. {@code latest_reports_g<N>}: one document per program × LATEST
 * indicator × unit, {@code _id} {@code programId|indicator|unitId}, holding the reports of the unit's counting
 * activities under {@code reports.<activityId>}; and per program × indicator, {@code _id} {@code programId|indicator|*},
 * the units that ever had a report, for the whole program's figure. {@code latest_activities_g<N>}: what each activity
 * reports now ({@link Reporting}), {@code _id} the activity id. Every filter is on {@code _id} alone.
 */
@Repository
public class LatestReports {

    private static final String ALL_UNITS = "*";

    private final MongoDatabase database;

    public LatestReports(MongoDatabase database) {
        this.database = database;
    }

    /** The stored reportings of the given activities, by activity id; one {@code $in} query. */
    public Map<String, Reporting> reporting(int generation, Collection<String> activityIds) {
        var found = new HashMap<String, Reporting>();
        for (Document doc : activities(generation).find(in("_id", activityIds))) {
            found.put(doc.getString("_id"), new Reporting(doc.getString("_id"), doc.getInteger("version"),
                    doc.getString("programId"), doc.getString("unitId"), Set.copyOf(doc.getList("indicators", String.class))));
        }
        return found;
    }

    /** Sets and takes away reports: one update per unit document, upserted by {@code _id}, in one unordered bulk. */
    public void write(int generation, List<ReportChange> changes) {
        var byDocument = new LinkedHashMap<String, List<Bson>>();
        var reportingUnits = new LinkedHashMap<String, Set<String>>();
        for (ReportChange c : changes) {
            String field = "reports." + c.activityId();
            byDocument.computeIfAbsent(id(c.programId(), c.indicator(), c.unitId()), k -> new ArrayList<>())
                    .add(c.report() == null ? Updates.unset(field) : Updates.set(field, document(c.report())));
            if (c.report() != null) {
                reportingUnits.computeIfAbsent(id(c.programId(), c.indicator(), ALL_UNITS), k -> new LinkedHashSet<>())
                        .add(c.unitId());
            }
        }
        var upsert = new UpdateOptions().upsert(true);
        var models = new ArrayList<WriteModel<Document>>();
        byDocument.forEach((id, updates) -> models.add(new UpdateOneModel<>(eq("_id", id), Updates.combine(updates), upsert)));
        reportingUnits.forEach((id, units) -> models.add(new UpdateOneModel<>(eq("_id", id),
                Updates.addEachToSet("units", new ArrayList<>(units)), upsert)));
        if (!models.isEmpty()) {
            reports(generation).bulkWrite(models, new BulkWriteOptions().ordered(false));
        }
    }

    /** Stores newer reportings: an insert where none was stored, a replacement by {@code _id} otherwise. */
    public void storeReporting(int generation, Collection<Reporting> newer, Set<String> stored) {
        var writes = newer.stream().<WriteModel<Document>>map(r -> stored.contains(r.activityId())
                ? new ReplaceOneModel<>(eq("_id", r.activityId()), document(r))
                : new InsertOneModel<>(document(r))).toList();
        if (!writes.isEmpty()) {
            activities(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** The reports of the given units on the given indicators: indicator → unit → reports; one {@code $in} query. */
    public Map<String, Map<String, List<Report>>> reports(int generation, String programId, Collection<String> indicators,
            Collection<String> unitIds) {
        var ids = new ArrayList<String>();
        indicators.forEach(i -> unitIds.forEach(u -> ids.add(id(programId, i, u))));
        var found = new HashMap<String, Map<String, List<Report>>>();
        for (Document doc : reports(generation).find(in("_id", ids))) {
            String[] key = doc.getString("_id").split("\\|");
            var reports = new ArrayList<Report>();
            Document stored = doc.get("reports", Document.class);
            if (stored != null) {
                stored.forEach((activityId, r) -> reports.add(report(activityId, (Document) r)));
            }
            found.computeIfAbsent(key[1], k -> new HashMap<>()).put(key[2], reports);
        }
        return found;
    }

    /** Every unit that ever had a report on each of the given indicators: indicator → units. */
    public Map<String, List<String>> reportingUnits(int generation, String programId, Collection<String> indicators) {
        var found = new HashMap<String, List<String>>();
        var ids = indicators.stream().map(i -> id(programId, i, ALL_UNITS)).toList();
        for (Document doc : reports(generation).find(in("_id", ids))) {
            found.put(doc.getString("_id").split("\\|")[1], doc.getList("units", String.class));
        }
        return found;
    }

    public static List<String> collectionNames(int generation) {
        return List.of("latest_reports_g" + generation, "latest_activities_g" + generation);
    }

    private static String id(String programId, String indicator, String unitId) {
        return programId + "|" + indicator + "|" + unitId;
    }

    private static Document document(Report r) {
        return new Document("on", r.on().toString()).append("value", new Decimal128(r.value()))
                .append("at", r.at() == null ? null : Date.from(r.at())).append("version", r.version());
    }

    private static Report report(String activityId, Document doc) {
        Date at = doc.getDate("at");
        return new Report(activityId, LocalDate.parse(doc.getString("on")), Decimals.read(doc.get("value")),
                at == null ? null : at.toInstant(), doc.getInteger("version"));
    }

    private static Document document(Reporting r) {
        return new Document("_id", r.activityId()).append("version", r.version()).append("programId", r.programId())
                .append("unitId", r.unitId()).append("indicators", new ArrayList<>(r.indicators()));
    }

    private MongoCollection<Document> reports(int generation) {
        return database.getCollection(collectionNames(generation).get(0));
    }

    private MongoCollection<Document> activities(int generation) {
        return database.getCollection(collectionNames(generation).get(1));
    }
}
