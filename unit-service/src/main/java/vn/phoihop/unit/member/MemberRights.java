package vn.phoihop.unit.member;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.audit.AuditQuery;
import vn.phoihop.platform.audit.AuditTrail;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.unit.member.mongo.MemberStore;
import vn.phoihop.unit.scope.Scope;

/**
 * A member's rights over their personal data (Decree 13/2023/NĐ-CP, Law 91/2025/QH15): the recorded basis for
 * holding it (consent), its withdrawal, erasure on request, and an export of everything held. Erasing removes the
 * name, phone and national id and what was derived from them, and keeps the roster's history (id, role, dates, who
 * added); withdrawing consent erases too, because processing then stops. Both are recorded in the audit log with
 * their reason before the data goes, and both are harmless to repeat.
 */
@Service
public class MemberRights {

    static final String WITHDRAWN = "consent withdrawn";
    private static final Logger log = LoggerFactory.getLogger(MemberRights.class);
    private static final int TRAIL_PAGE = 500;

    private final MemberRoster roster;
    private final MemberStore store;
    private final MemberAudit audit;
    private final AuditTrail trail;
    private final Clock clock;

    public MemberRights(MemberRoster roster, MemberStore store, MemberAudit audit, AuditTrail trail, ZoneId zone,
            Clock clock) {
        this.roster = roster;
        this.store = store;
        this.audit = audit;
        this.trail = trail;
        this.clock = clock.withZone(zone);
    }

    /** Records the basis for holding the member's data, or replaces the one recorded; an erased member has none. */
    public Member recordConsent(String unitId, String memberId, Consent.Statement statement, String by, Scope scope) {
        var errors = MemberRoster.checkConsent("", statement, LocalDate.now(clock));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
        roster.member(unitId, memberId, scope);
        if (!store.recordConsent(unitId, memberId, statement.recorded(by, clock.instant()))) {
            throw erased(memberId);
        }
        log.info("Consent of member {} of unit {} recorded ({})", memberId, unitId, statement.basis());
        return roster.member(unitId, memberId, scope);
    }

    /**
     * Records that the person withdrew their consent today, and erases their data: processing stops. Only consent
     * can be withdrawn ({@link ConsentBasis#CONSENT}); a repeat changes nothing.
     */
    public Member withdrawConsent(String unitId, String memberId, String by, Scope scope) {
        Member member = roster.member(unitId, memberId, scope);
        Consent consent = member.consent();
        if (consent == null || consent.basis() != ConsentBasis.CONSENT) {
            throw ApiException.rejected("Member " + memberId + (consent == null ? " has no consent recorded"
                    : " is held on " + consent.basis() + ", not on consent") + "; request an erasure instead",
                    new FieldError("consent", consent == null ? "none recorded" : "is not based on consent"));
        }
        if (consent.isWithdrawn()) {
            return member;
        }
        audit.erase(by, unitId, memberId, WITHDRAWN); // first: no record of why, no erasure
        if (store.withdraw(unitId, memberId, LocalDate.now(clock), clock.instant())) {
            log.info("Consent of member {} of unit {} withdrawn; personal data erased", memberId, unitId);
        }
        return roster.member(unitId, memberId, scope);
    }

    /** Erases the member's personal data at the person's request; a member erased before is answered as it is. */
    public Member erase(String unitId, String memberId, String reason, String by, Scope scope) {
        Member member = roster.member(unitId, memberId, scope);
        if (member.isErased()) {
            return member;
        }
        audit.erase(by, unitId, memberId, reason); // first: no record of why, no erasure
        if (store.erase(unitId, memberId, clock.instant())) {
            log.info("Personal data of member {} of unit {} erased", memberId, unitId);
        }
        return roster.member(unitId, memberId, scope);
    }

    /**
     * Everything held about the member, for the person: needs a reader allowed to see personal data in full (the
     * permission and a purpose). The export is audited like any unmasked read, before it is returned, so it lists
     * itself.
     */
    public PersonalDataExport export(String unitId, String memberId, Reader reader, Scope scope) {
        if (reader.disclosure() != Reader.Disclosure.UNMASKED) {
            throw ApiException.invalid(new FieldError("X-Purpose", "is required to export personal data"));
        }
        Member member = roster.member(unitId, memberId, scope);
        audit.read(reader.subject(), unitId, List.of(memberId), reader.purpose());
        return new PersonalDataExport(member, trailOf(unitId, memberId), clock.instant());
    }

    /** Every audit entry naming the member, newest first, page by page (a member is read a few times a year). */
    private List<PersonalDataExport.Processing> trailOf(String unitId, String memberId) {
        var entries = new ArrayList<PersonalDataExport.Processing>();
        String before = null;
        List<AuditTrail.StoredEntry> page;
        do {
            page = trail.find(new AuditQuery(null, null, null, memberId, unitId, null, null, null, null, before,
                    TRAIL_PAGE));
            for (var stored : page) {
                var e = stored.entry();
                entries.add(new PersonalDataExport.Processing(e.at(), e.actor(), e.action(), e.purpose(), e.outcome()));
                before = stored.id();
            }
        } while (page.size() == TRAIL_PAGE);
        return entries;
    }

    private static ApiException erased(String memberId) {
        return ApiException.conflict("The personal data of member " + memberId
                + " was erased; add the person again to record new data and consent");
    }
}
