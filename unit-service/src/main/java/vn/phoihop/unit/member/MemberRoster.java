package vn.phoihop.unit.member;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.member.MemberAdded;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.unit.member.mongo.MemberStore;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * The members of each unit (danh sách thành viên). Adding one stores it and its {@code member.added.v1} in one
 * write to the unit's roster document. Reading masks personal data unless the reader may see it, and then records
 * the disclosure in the audit log <em>before</em> returning it: if the audit write fails, nothing is disclosed.
 *
 * <p>Log lines name members by id only; personal data never reaches a log, an event or a problem detail.
 */
@Service
public class MemberRoster {

    private static final Logger log = LoggerFactory.getLogger(MemberRoster.class);

    private final MemberStore store;
    private final UnitRegistry units;
    private final MemberAudit audit;
    private final EventCodec events;
    private final Clock clock;

    public MemberRoster(MemberStore store, UnitRegistry units, MemberAudit audit, EventCodec events, ZoneId zone,
            Clock clock) {
        this.store = store;
        this.units = units;
        this.clock = clock.withZone(zone);
        this.audit = audit;
        this.events = events;
    }

    /**
     * What a caller asks to add; shapes (lengths, patterns) are checked by the web adapter already.
     *
     * @param consent the basis for holding the personal data, or {@code null} (none recorded yet)
     */
    public record NewMember(String fullName, MemberRole role, String phone, String nationalId, LocalDate joinedOn,
            LocalDate leftOn, Consent.Statement consent) {

        public NewMember(String fullName, MemberRole role, String phone, String nationalId, LocalDate joinedOn,
                LocalDate leftOn) {
            this(fullName, role, phone, nationalId, joinedOn, leftOn, null);
        }

        @Override
        public String toString() {
            return "NewMember[role=" + role + ", joinedOn=" + joinedOn + ", leftOn=" + leftOn + "]";
        }
    }

    /**
     * Adds a member. With an {@code idempotencyKey} (letters, digits, {@code _}, {@code -}; checked by the web
     * adapter) a repeat of the same request adds nothing and answers the member the first one added; the same key
     * with a different request is refused (422). A unit outside the caller's scope is not found.
     */
    public Member add(String unitId, NewMember input, String addedBy, String idempotencyKey, Scope scope) {
        Unit unit = unit(unitId, scope);
        checkDates(input, LocalDate.now(clock));
        if (unit.validTo() != null && !unit.validTo().isAfter(LocalDate.now(clock))) {
            throw ApiException.rejected("Unit " + unitId + " ended on " + unit.validTo()
                    + "; add members to its successor", new FieldError("unitId", "the unit has ended"));
        }
        var now = clock.instant();
        var member = new Member(UUID.randomUUID().toString(), unit.id(), input.fullName(), input.role(), input.phone(),
                input.nationalId(), input.joinedOn(), input.leftOn(), now, addedBy,
                input.consent() == null ? null : input.consent().recorded(addedBy, now), null);
        var added = events.create(EventTypes.MEMBER_ADDED, member.id(), unit.id(), null, unit.path(),
                new MemberAdded(member.id(), unit.id(), member.role().name(), member.joinedOn(), member.leftOn()));
        String fingerprint = fingerprint(input);
        var earlier = store.append(member, added, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            if (earlier.get().erased()) {
                throw ApiException.conflict("The member this Idempotency-Key added was erased at the person's request");
            }
            if (!earlier.get().fingerprint().equals(fingerprint)) {
                throw ApiException.rejected("This Idempotency-Key was already used for a different request",
                        new FieldError("Idempotency-Key", "already used for a different request"));
            }
            log.info("Member {} of unit {} was already added with this Idempotency-Key", earlier.get().memberId(),
                    unit.id());
            return store.roster(unit.id()).stream().filter(m -> m.id().equals(earlier.get().memberId())).findFirst()
                    .orElseThrow();
        }
        log.info("Member {} added to unit {} as {}", member.id(), unit.id(), member.role());
        return member;
    }

    /**
     * A digest of the request, to tell a repeat from a different request under the same key. It hides the personal
     * data only as well as SHA-256 hides a phone number, i.e. barely: an erasure replaces it.
     */
    static String fingerprint(NewMember input) {
        String text = String.join("\u0000", input.fullName(), input.role().name(), String.valueOf(input.phone()),
                String.valueOf(input.nationalId()), input.joinedOn().toString(), String.valueOf(input.leftOn()));
        if (input.consent() != null) { // appended only when given, so keys used before consent existed still match
            var c = input.consent();
            text = String.join("\u0000", text, c.basis().name(), c.givenOn().toString(), String.valueOf(c.evidence()));
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rules a fast test can check without a server: joined not in the future, left not before joined. */
    static void checkDates(NewMember input, LocalDate today) {
        var errors = new ArrayList<FieldError>();
        if (input.joinedOn().isAfter(today)) {
            errors.add(new FieldError("joinedOn", "must not be in the future"));
        }
        if (input.leftOn() != null && input.leftOn().isBefore(input.joinedOn())) {
            errors.add(new FieldError("leftOn", "must not be before joinedOn"));
        }
        if (input.consent() != null) {
            errors.addAll(checkConsent("consent.", input.consent(), today));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
    }

    /** Consent is given on a past day or today, never in the future. */
    static List<FieldError> checkConsent(String prefix, Consent.Statement consent, LocalDate today) {
        return consent.givenOn().isAfter(today) ? List.of(new FieldError(prefix + "givenOn", "must not be in the future"))
                : List.of();
    }

    public record Disclosed(Member member, Reader.Disclosure disclosure) {
    }

    public Disclosed find(String unitId, String memberId, Reader reader, Scope scope) {
        Member member = member(unitId, memberId, scope);
        List<Member> shown = disclose(unitId, List.of(member), reader);
        return new Disclosed(shown.get(0), reader.disclosure());
    }

    /** The member, unmasked, if its unit lies in the scope; else, or if there is no such member, not found. */
    Member member(String unitId, String memberId, Scope scope) {
        unit(unitId, scope);
        return store.roster(unitId).stream().filter(m -> m.id().equals(memberId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Member", memberId));
    }

    /** Members in the order they were added, {@code limit} after the member {@code after} (or from the start). */
    public MemberPage list(String unitId, String after, int limit, Reader reader, Scope scope) {
        return list(unitId, after, limit, member -> true, reader, scope);
    }

    /**
     * The members {@code which} keeps (e.g. {@link Member#lacksConsent}), in the order they were added. The cursor
     * names a member of the whole roster, so a member that stops matching between two pages does not break paging.
     */
    public MemberPage list(String unitId, String after, int limit, Predicate<Member> which, Reader reader,
            Scope scope) {
        unit(unitId, scope);
        List<Member> roster = store.roster(unitId);
        int from = 0;
        if (after != null) {
            int at = indexOf(roster, after);
            if (at < 0) {
                throw ApiException.invalid(new FieldError("cursor", "does not belong to this list"));
            }
            from = at + 1;
        }
        List<Member> rest = roster.subList(from, roster.size()).stream().filter(which).toList();
        List<Member> page = rest.subList(0, Math.min(rest.size(), limit));
        String next = page.size() < rest.size() ? page.get(page.size() - 1).id() : null;
        return new MemberPage(disclose(unitId, page, reader), next, reader.disclosure());
    }

    private List<Member> disclose(String unitId, List<Member> members, Reader reader) {
        if (reader.disclosure() != Reader.Disclosure.UNMASKED) {
            return members.stream().map(Member::masked).toList();
        }
        List<String> disclosed = members.stream().filter(Member::hasPersonalData).map(Member::id).toList();
        if (!disclosed.isEmpty()) {
            audit.read(reader.subject(), unitId, disclosed, reader.purpose());
        }
        return List.copyOf(members);
    }

    private static int indexOf(List<Member> roster, String memberId) {
        for (int i = 0; i < roster.size(); i++) {
            if (roster.get(i).id().equals(memberId)) {
                return i;
            }
        }
        return -1;
    }

    /** The unit, if it lies in the scope: a member is visible iff its unit is. */
    private Unit unit(String unitId, Scope scope) {
        return units.find(unitId, null, scope).orElseThrow(() -> ApiException.notFound("Unit", unitId));
    }
}
