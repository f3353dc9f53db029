package vn.phoihop.unit.member.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.push;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
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

    private final MongoCollection<Document> rosters;
    private final Outbox outbox;

    public MemberStore(MongoDatabase database, Outbox outbox) {
        this.rosters = database.getCollection(COLLECTION);
        this.outbox = outbox;
    }

    public void append(Member member, CloudEvent added) {
        var update = combine(push("members", toDocument(member)),
                push(Outbox.FIELD, Outbox.entry(added, Topics.UNITS)));
        outbox.write(COLLECTION, member.unitId(), () -> {
            try {
                return rosters.updateOne(eq("_id", member.unitId()), update, new UpdateOptions().upsert(true));
            } catch (MongoWriteException e) {
                // two first members at once: both upserts inserted, one lost; the roster exists now, so push again
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                return rosters.updateOne(eq("_id", member.unitId()), update);
            }
        });
    }

    /** The unit's members in the order they were added; empty when it has none. */
    public List<Member> roster(String unitId) {
        Document doc = rosters.find(eq("_id", unitId)).projection(exclude(Outbox.FIELD)).first();
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
