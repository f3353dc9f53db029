package vn.phoihop.unit.member.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.unit.member.Member;
import vn.phoihop.unit.member.MemberRole;

/**
 * One roster document per unit in {@code rosters} ({@code _id} = the unit id) holding its members in the order
 * they were added, and its pending events: adding a member and its event is one upsert, and listing or finding
 * members is one {@code _id} lookup, never a scan. Grassroots teams have a handful of members; a document holds
 * tens of thousands before MongoDB's 16 MB limit.
 *
 * <p>{@code phone} and {@code nationalId} are stored as given (encryption at rest is a later issue).
 */
@Repository
public class MemberStore {

    static final String COLLECTION = "rosters";
    static final String IDEMPOTENCY = "idempotency";

    private final MongoCollection<Document> rosters;
    private final Outbox outbox;

    public MemberStore(MongoDatabase database, Outbox outbox) {
        this.rosters = database.getCollection(COLLECTION);
        this.outbox = outbox;
    }

    /** What an {@code Idempotency-Key} was first used for: the member it added and a fingerprint of the request. */
    public record Replay(String memberId, String fingerprint) {
    }

    /**
     * Adds the member and its event in one upsert. With an idempotency key the same upsert records the key in the
     * roster ({@code idempotency.<key>}) and applies only if the key is not there yet; otherwise nothing changes
     * and the earlier use is returned.
     *
     * @param key a key of letters, digits, {@code _} and {@code -} (never {@code $} or {@code .}), or {@code null}
     */
    public Optional<Replay> append(Member member, CloudEvent added, String key, String fingerprint) {
        String unitId = member.unitId();
        Bson filter = key == null ? eq("_id", unitId) : and(eq("_id", unitId), exists(IDEMPOTENCY + "." + key, false));
        var changes = new java.util.ArrayList<Bson>(List.of(push("members", toDocument(member)),
                push(Outbox.FIELD, Outbox.entry(added, Topics.UNITS))));
        if (key != null) {
            changes.add(set(IDEMPOTENCY + "." + key,
                    new Document("memberId", member.id()).append("fingerprint", fingerprint)));
        }
        var update = combine(changes);
        return outbox.write(COLLECTION, unitId, () -> {
            try {
                rosters.updateOne(filter, update, new UpdateOptions().upsert(true));
                return Optional.empty();
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // the roster exists: the key was used before, or another first member was inserted at the same time
            Optional<Replay> earlier = replay(unitId, key);
            if (earlier.isPresent() || rosters.updateOne(filter, update).getModifiedCount() == 1) {
                return earlier;
            }
            return replay(unitId, key); // the key was taken between the two reads
        });
    }

    private Optional<Replay> replay(String unitId, String key) {
        if (key == null) {
            return Optional.empty();
        }
        Document doc = rosters.find(eq("_id", unitId)).projection(include(IDEMPOTENCY + "." + key)).first();
        Document keys = doc == null ? null : doc.get(IDEMPOTENCY, Document.class);
        Document used = keys == null ? null : keys.get(key, Document.class);
        return used == null ? Optional.empty()
                : Optional.of(new Replay(used.getString("memberId"), used.getString("fingerprint")));
    }

    /** The unit's members in the order they were added; empty when it has none. */
    public List<Member> roster(String unitId) {
        Document doc = rosters.find(eq("_id", unitId)).projection(exclude(Outbox.FIELD, IDEMPOTENCY)).first();
        if (doc == null) {
            return List.of();
        }
        return doc.getList("members", Document.class, List.of()).stream().map(d -> toMember(unitId, d)).toList();
    }

    private static Document toDocument(Member m) {
        return new Document("id", m.id())
                .append("fullName", m.fullName())
                .append("role", m.role().name())
                .append("phone", m.phone())
                .append("nationalId", m.nationalId())
                .append("joinedOn", m.joinedOn().toString())
                .append("leftOn", m.leftOn() == null ? null : m.leftOn().toString())
                .append("addedAt", Date.from(m.addedAt()))
                .append("addedBy", m.addedBy());
    }

    private static Member toMember(String unitId, Document d) {
        String leftOn = d.getString("leftOn");
        return new Member(d.getString("id"), unitId, d.getString("fullName"), MemberRole.valueOf(d.getString("role")),
                d.getString("phone"), d.getString("nationalId"), LocalDate.parse(d.getString("joinedOn")),
                leftOn == null ? null : LocalDate.parse(leftOn), d.getDate("addedAt").toInstant(),
                d.getString("addedBy"));
    }
}
