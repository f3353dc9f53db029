package vn.phoihop.unit.activity.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.unit.activity.Activity;
import vn.phoihop.unit.activity.ActivityStatus;
import vn.phoihop.unit.activity.ActivityType;

/** Activities, one document each; the document holds its own pending events. */
@Repository
public class ActivityStore {

    static final String COLLECTION = "activities";

    private final MongoCollection<Document> activities;
    private final Outbox outbox;

    public ActivityStore(MongoDatabase database, Outbox outbox) {
        this.activities = database.getCollection(COLLECTION);
        this.outbox = outbox;
        activities.createIndex(Indexes.compoundIndex(Indexes.ascending("programId"), Indexes.ascending("occurredOn")));
        activities.createIndex(Indexes.ascending("ancestorIds"));
    }

    public void insert(Activity activity, CloudEvent submitted) {
        Document doc = toDocument(activity).append(Outbox.FIELD, List.of(Outbox.entry(submitted, Topics.ACTIVITIES)));
        outbox.write(COLLECTION, activity.id(), () -> activities.insertOne(doc));
    }

    public Optional<Activity> find(String id) {
        return Optional.ofNullable(activities.find(eq("_id", id)).first()).map(ActivityStore::toActivity);
    }

    private static Document toDocument(Activity a) {
        return new Document("_id", a.id())
                .append("programId", a.programId())
                .append("unitId", a.unitId())
                .append("ancestorIds", a.ancestorIds())
                .append("coUnitIds", a.coUnitIds())
                .append("type", a.type().name())
                .append("occurredOn", a.occurredOn().toString())
                .append("title", a.title())
                .append("description", a.description())
                .append("metrics", new Document(a.metrics()))
                .append("status", a.status().name())
                .append("revision", a.revision())
                .append("createdAt", a.createdAt())
                .append("createdBy", a.createdBy());
    }

    private static Activity toActivity(Document d) {
        var metrics = new java.util.LinkedHashMap<String, Double>();
        d.get("metrics", Document.class).forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
        return new Activity(d.getString("_id"), d.getString("programId"), d.getString("unitId"),
                d.getList("ancestorIds", String.class), d.getList("coUnitIds", String.class),
                ActivityType.valueOf(d.getString("type")), LocalDate.parse(d.getString("occurredOn")),
                d.getString("title"), d.getString("description"), metrics,
                ActivityStatus.valueOf(d.getString("status")), d.getInteger("revision"),
                d.getDate("createdAt").toInstant(), d.getString("createdBy"));
    }
}
