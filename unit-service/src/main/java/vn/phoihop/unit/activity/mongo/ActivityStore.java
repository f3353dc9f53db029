package vn.phoihop.unit.activity.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.unit.activity.Activity;
import vn.phoihop.unit.activity.ActivityQuery;
import vn.phoihop.unit.activity.ActivityStatus;
import vn.phoihop.unit.activity.Agency;
import vn.phoihop.unit.activity.Revision;

/**
 * Activities, one document each, holding everything about the activity in one place so every change is one
 * single-document write: its current state, its revisions, the fingerprint of the request that created it, the
 * requests made with an {@code Idempotency-Key} since ({@code requests.<slot>: fingerprint}) and its pending events.
 * {@code visibleTo} (the unit's and co-units' paths) serves the subtree filter of the list.
 */
@Repository
public class ActivityStore {

    static final String COLLECTION = "activities";
    private static final Bson SHOWN = exclude(Outbox.FIELD, "requests", "fingerprint", "revisions", "visibleTo");

    private final MongoCollection<Document> activities;
    private final Outbox outbox;

    public ActivityStore(MongoDatabase database, Outbox outbox) {
        this.activities = database.getCollection(COLLECTION);
        this.outbox = outbox;
        activities.createIndex(Indexes.compoundIndex(Indexes.ascending("programId"), Indexes.ascending("occurredOn")));
        activities.createIndex(Indexes.compoundIndex(Indexes.ascending("visibleTo"), Indexes.descending("occurredOn")));
        // a scoped list asks for unitId or coUnitIds among the scope's units: one index per branch of the $or
        activities.createIndex(Indexes.compoundIndex(Indexes.ascending("unitId"), Indexes.descending("occurredOn")));
        activities.createIndex(Indexes.compoundIndex(Indexes.ascending("coUnitIds"), Indexes.descending("occurredOn")));
    }

    /** An activity as stored, with what tells a retry from a different request. */
    public record Stored(Activity activity, String fingerprint, Map<String, String> requests) {
    }

    /** Inserts the activity with its first revision and event; if the id is taken, what holds it instead. */
    public Optional<Stored> insert(Activity activity, Revision first, List<String> visibleTo, String fingerprint,
            CloudEvent submitted) {
        Document doc = ActivityDocuments.toDocument(activity)
                .append("visibleTo", visibleTo)
                .append("fingerprint", fingerprint)
                .append("revisions", List.of(ActivityDocuments.revision(first)))
                .append("requests", new Document())
                .append(Outbox.FIELD, List.of(Outbox.entry(submitted, Topics.ACTIVITIES)));
        boolean inserted = outbox.write(COLLECTION, activity.id(), () -> {
            try {
                activities.insertOne(doc);
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                return false; // a retry, or another activity under this id: the caller compares fingerprints
            }
        });
        return inserted ? Optional.empty() : load(activity.id());
    }

    /**
     * Writes the activity's new state and its event, and records the request under {@code slot} (unless null), if
     * the stored version is still {@code expectedVersion}. False when another writer got there first.
     */
    public boolean update(int expectedVersion, Activity next, CloudEvent event, Revision revision, String slot,
            String fingerprint) {
        var changes = new ArrayList<Bson>();
        ActivityDocuments.mutable(next).forEach((field, value) -> changes.add(set(field, value)));
        changes.add(push(Outbox.FIELD, Outbox.entry(event, Topics.ACTIVITIES)));
        if (revision != null) {
            changes.add(push("revisions", ActivityDocuments.revision(revision)));
        }
        if (slot != null) {
            changes.add(set("requests." + slot, fingerprint));
        }
        return outbox.write(COLLECTION, next.id(), () -> activities.updateOne(
                and(eq("_id", next.id()), eq("version", expectedVersion)), combine(changes)).getMatchedCount() == 1);
    }

    public Optional<Stored> load(String id) {
        Document d = activities.find(eq("_id", id)).projection(exclude(Outbox.FIELD, "revisions", "visibleTo")).first();
        if (d == null) {
            return Optional.empty();
        }
        var requests = new HashMap<String, String>();
        Document recorded = d.get("requests", Document.class);
        if (recorded != null) {
            recorded.forEach((slot, fingerprint) -> requests.put(slot, (String) fingerprint));
        }
        return Optional.of(new Stored(ActivityDocuments.toActivity(d), d.getString("fingerprint"), requests));
    }

    public Optional<Activity> find(String id) {
        return Optional.ofNullable(activities.find(eq("_id", id)).projection(SHOWN).first())
                .map(ActivityDocuments::toActivity);
    }

    public Optional<List<Revision>> revisions(String id) {
        return Optional.ofNullable(activities.find(eq("_id", id)).projection(include("revisions")).first())
                .map(d -> d.getList("revisions", Document.class, List.of()).stream()
                        .map(ActivityDocuments::toRevision).toList());
    }

    /**
     * Up to {@code limit + 1} activities matching the query, newest {@code occurredOn} first, then by id (the extra
     * one tells whether there is a next page), among those whose unit or a co-unit is one of {@code within} (a
     * caller's scope; {@code null} for all). Indexed on MongoDB; the embedded server scans the collection.
     */
    /**
     * Awaiting a side of the agency (whose unit is one of {@code within}, unless null): a co-unit not yet confirmed, or
     * the logging unit's side while it waits (after another agency's correction). Sides hold {@code confirmedBy: null}
     * until confirmed.
     */
    private static Bson awaiting(Agency agency, Set<String> within) {
        var coUnit = new ArrayList<Bson>(List.of(eq("agency", agency.name()), eq("confirmedBy", null)));
        var logging = new ArrayList<Bson>(List.of(eq("loggingUnit.agency", agency.name()), eq("loggingUnit.confirmedBy", null)));
        if (within != null) {
            coUnit.add(in("unitId", within));
            logging.add(in("loggingUnit.unitId", within));
        }
        return and(eq("status", ActivityStatus.AWAITING_CONFIRMATION.name()),
                or(elemMatch("coUnits", and(coUnit)), and(logging)));
    }

    public List<Activity> list(ActivityQuery q, Set<String> within) {
        var filters = new ArrayList<Bson>();
        if (within != null) {
            filters.add(or(in("unitId", within), in("coUnitIds", within)));
        }
        if (q.programId() != null) {
            filters.add(eq("programId", q.programId()));
        }
        if (q.unitId() != null) {
            filters.add(eq("visibleTo", q.unitId()));
        }
        if (q.type() != null) {
            filters.add(eq("type", q.type().name()));
        }
        if (!q.statuses().isEmpty()) {
            filters.add(in("status", q.statuses().stream().map(Enum::name).toList()));
        }
        if (q.awaiting() != null) {
            filters.add(awaiting(q.awaiting(), q.sidesWithin()));
        }
        if (q.corrected()) {
            filters.add(gt("revision", 1));
        }
        if (q.from() != null) {
            filters.add(gte("occurredOn", q.from().toString()));
        }
        if (q.to() != null) {
            filters.add(lte("occurredOn", q.to().toString()));
        }
        if (q.after() != null) {
            String on = q.after().occurredOn().toString();
            filters.add(or(lt("occurredOn", on), and(eq("occurredOn", on), gt("_id", q.after().id()))));
        }
        return activities.find(filters.isEmpty() ? new Document() : and(filters)).projection(SHOWN)
                .sort(orderBy(descending("occurredOn"), ascending("_id"))).limit(q.limit() + 1)
                .map(ActivityDocuments::toActivity).into(new ArrayList<>());
    }
}
