package vn.phoihop.unit.member.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.exclude;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.min;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.unit.member.Consent;
import vn.phoihop.unit.member.ConsentBasis;
import vn.phoihop.unit.member.Member;
import vn.phoihop.unit.member.MemberRole;

/**
 * One roster document per unit in {@code rosters} ({@code _id} = the unit id) holding its members in the order
 * they were added, and its pending events: adding a member and its event is one upsert, and listing or finding
 * members is one {@code _id} lookup, never a scan. Grassroots teams have a handful of members; a document holds
 * tens of thousands before MongoDB's 16 MB limit.
 *
 * <p>{@code phone} and {@code nationalId} are stored as given (encryption at rest is a later issue). Erasing a
 * member removes its personal fields and every trace derived from them (the fingerprints of its idempotency keys)
 * in one update of the roster.
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

    /** Replaces the fingerprint of a key whose member was erased: a digest of a phone number can be brute-forced. */
    static final String ERASED = "erased";

    /** What an {@code Idempotency-Key} was first used for: the member it added and a fingerprint of the request. */
    public record Replay(String memberId, String fingerprint) {

        /** The member was erased since: its request is gone, and a repeat must not add the person again. */
        public boolean erased() {
            return ERASED.equals(fingerprint);
        }
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
        var changes = new ArrayList<Bson>(List.of(push("members", toDocument(member)),
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

    /**
     * Records or replaces the member's consent, unless the member was erased meanwhile.
     *
     * @return whether it was recorded
     */
    public boolean recordConsent(String unitId, String memberId, Consent consent) {
        return rosters.updateOne(member(unitId, memberId, eq("erasedAt", null)),
                set("members.$.consent", toDocument(consent))).getModifiedCount() == 1;
    }

    /**
     * Removes the member's name, phone and national id, marks it erased, and replaces the fingerprints of the
     * idempotency keys that added it. One update: the data and its traces go together, and a member erased before
     * is left as it is.
     *
     * @return whether this call erased it ({@code false}: erased before, or no such member)
     */
    public boolean erase(String unitId, String memberId, Instant at) {
        return rosters.updateOne(member(unitId, memberId, eq("erasedAt", null)), erasure(unitId, memberId, at))
                .getModifiedCount() == 1;
    }

    /**
     * Records that the person withdrew their consent on {@code withdrawnOn} and erases as {@link #erase} does (a
     * member erased before keeps its first {@code erasedAt}), in one update; a withdrawal recorded before is left.
     *
     * @return whether this call recorded it
     */
    public boolean withdraw(String unitId, String memberId, LocalDate withdrawnOn, Instant at) {
        Bson filter = member(unitId, memberId, and(eq("consent.basis", ConsentBasis.CONSENT.name()),
                eq("consent.withdrawnOn", null)));
        return rosters.updateOne(filter, combine(erasure(unitId, memberId, at),
                set("members.$.consent.withdrawnOn", withdrawnOn.toString()))).getModifiedCount() == 1;
    }

    private Bson erasure(String unitId, String memberId, Instant at) {
        var changes = new ArrayList<Bson>(List.of(unset("members.$.fullName"), unset("members.$.phone"),
                unset("members.$.nationalId"), min("members.$.erasedAt", Date.from(at))));
        // keys of this member only: no new key can name it, as a repeat of its request replays instead of adding
        for (String key : keysOf(unitId, memberId)) {
            changes.add(set(IDEMPOTENCY + "." + key + ".fingerprint", ERASED));
        }
        return combine(changes);
    }

    private List<String> keysOf(String unitId, String memberId) {
        Document doc = rosters.find(eq("_id", unitId)).projection(include(IDEMPOTENCY)).first();
        Document keys = doc == null ? null : doc.get(IDEMPOTENCY, Document.class);
        if (keys == null) {
            return List.of();
        }
        return keys.entrySet().stream()
                .filter(e -> e.getValue() instanceof Document used && memberId.equals(used.getString("memberId")))
                .map(Map.Entry::getKey).toList();
    }

    /** The roster, if the member is on it in the given state; {@code members.$} then names that member. */
    private static Bson member(String unitId, String memberId, Bson state) {
        return and(eq("_id", unitId), elemMatch("members", and(eq("id", memberId), state)));
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
                .append("addedBy", m.addedBy())
                .append("consent", m.consent() == null ? null : toDocument(m.consent()));
    }

    private static Document toDocument(Consent c) {
        return new Document("basis", c.basis().name())
                .append("givenOn", c.givenOn().toString())
                .append("evidence", c.evidence())
                .append("recordedBy", c.recordedBy())
                .append("recordedAt", Date.from(c.recordedAt()))
                .append("withdrawnOn", c.withdrawnOn() == null ? null : c.withdrawnOn().toString());
    }

    private static Consent toConsent(Document d) {
        if (d == null) {
            return null;
        }
        return new Consent(ConsentBasis.valueOf(d.getString("basis")), LocalDate.parse(d.getString("givenOn")),
                d.getString("evidence"), d.getString("recordedBy"), d.getDate("recordedAt").toInstant(),
                date(d.getString("withdrawnOn")));
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static Member toMember(String unitId, Document d) {
        Date erasedAt = d.getDate("erasedAt");
        return new Member(d.getString("id"), unitId, d.getString("fullName"), MemberRole.valueOf(d.getString("role")),
                d.getString("phone"), d.getString("nationalId"), LocalDate.parse(d.getString("joinedOn")),
                date(d.getString("leftOn")), d.getDate("addedAt").toInstant(), d.getString("addedBy"),
                toConsent(d.get("consent", Document.class)), erasedAt == null ? null : erasedAt.toInstant());
    }
}
