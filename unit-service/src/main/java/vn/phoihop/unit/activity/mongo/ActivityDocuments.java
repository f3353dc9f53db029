package vn.phoihop.unit.activity.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import vn.phoihop.events.activity.Figures;
import vn.phoihop.platform.mongo.Decimals;
import vn.phoihop.unit.activity.Activity;
import vn.phoihop.unit.activity.ActivityStatus;
import vn.phoihop.unit.activity.ActivityType;
import vn.phoihop.unit.activity.Agency;
import vn.phoihop.unit.activity.Revision;

/** Maps activities to and from their documents. Metric codes are checked names, never {@code $} or dotted. */
final class ActivityDocuments {

    private ActivityDocuments() {
    }

    static Document toDocument(Activity a) {
        var doc = new Document("_id", a.id())
                .append("programId", a.programId())
                .append("unitId", a.unitId())
                .append("ancestorIds", a.ancestorIds())
                .append("coUnitIds", a.coUnitIds())
                .append("type", a.type().name())
                .append("occurredOn", a.occurredOn().toString())
                .append("title", a.title())
                .append("description", a.description())
                .append("createdAt", Date.from(a.createdAt()))
                .append("createdBy", a.createdBy());
        doc.putAll(mutable(a));
        return doc;
    }

    /** The fields a confirmation, rejection or correction may change. */
    static Map<String, Object> mutable(Activity a) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("coUnits", a.coUnits().stream().map(ActivityDocuments::coUnit).toList());
        fields.put("loggingUnit", a.loggingUnit() == null ? null : coUnit(a.loggingUnit()));
        fields.put("metrics", new Document(a.metrics()));
        fields.put("status", a.status().name());
        fields.put("counts", a.counts());
        fields.put("revision", a.revision());
        fields.put("version", a.version());
        fields.put("rejection", a.rejection() == null ? null : new Document("agency", a.rejection().agency().name())
                .append("rejectedBy", a.rejection().rejectedBy()).append("rejectedAt", Date.from(a.rejection().rejectedAt()))
                .append("reason", a.rejection().reason()));
        fields.put("updatedAt", Date.from(a.updatedAt()));
        return fields;
    }

    static Document revision(Revision r) {
        return new Document("revision", r.revision()).append("metrics", new Document(r.metrics()))
                .append("reason", r.reason()).append("at", Date.from(r.at())).append("by", r.by());
    }

    static Revision toRevision(Document d) {
        return new Revision(d.getInteger("revision"), metrics(d.get("metrics", Document.class)), d.getString("reason"),
                d.getDate("at").toInstant(), d.getString("by"));
    }

    static Activity toActivity(Document d) {
        Instant createdAt = d.getDate("createdAt").toInstant();
        Date updatedAt = d.getDate("updatedAt");
        Document rejection = d.get("rejection", Document.class);
        return new Activity(d.getString("_id"), d.getString("programId"), d.getString("unitId"),
                d.getList("ancestorIds", String.class), d.getList("coUnitIds", String.class),
                d.getList("coUnits", Document.class, List.of()).stream().map(ActivityDocuments::toCoUnit).toList(),
                d.get("loggingUnit") instanceof Document logging ? toCoUnit(logging) : null,
                ActivityType.valueOf(d.getString("type")), LocalDate.parse(d.getString("occurredOn")),
                d.getString("title"), d.getString("description"), metrics(d.get("metrics", Document.class)),
                ActivityStatus.valueOf(d.getString("status")), d.getInteger("revision", 1), d.getInteger("version", 1),
                rejection == null ? null : new Activity.Rejection(Agency.valueOf(rejection.getString("agency")),
                        rejection.getString("rejectedBy"), rejection.getDate("rejectedAt").toInstant(),
                        rejection.getString("reason")),
                createdAt, d.getString("createdBy"), updatedAt == null ? createdAt : updatedAt.toInstant());
    }

    private static Document coUnit(Activity.CoUnit c) {
        return new Document("unitId", c.unitId()).append("agency", c.agency().name())
                .append("confirmedBy", c.confirmedBy())
                .append("confirmedAt", c.confirmedAt() == null ? null : Date.from(c.confirmedAt()));
    }

    private static Activity.CoUnit toCoUnit(Document d) {
        Date at = d.getDate("confirmedAt");
        return new Activity.CoUnit(d.getString("unitId"), Agency.valueOf(d.getString("agency")),
                d.getString("confirmedBy"), at == null ? null : at.toInstant());
    }

    /**
     * Decimal128 since figures are decimals; doubles written before read as the decimal they print as (a figure out of
     * today's bounds, logged before they existed, reads as it was: correct it to a figure within them).
     */
    private static Map<String, BigDecimal> metrics(Document d) {
        var metrics = new LinkedHashMap<String, BigDecimal>();
        d.forEach((k, v) -> {
            BigDecimal value = Decimals.read(v);
            metrics.put(k, Figures.allowed(value) ? Figures.canonical(value) : value);
        });
        return metrics;
    }
}
