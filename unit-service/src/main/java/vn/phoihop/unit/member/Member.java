package vn.phoihop.unit.member;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person on a unit's roster (thành viên), e.g. a tổ viên of a people's security team. {@code phone} and
 * {@code nationalId} (CCCD) are personal data: masked unless the caller holds {@code pii:read}, never logged,
 * never in events. {@link #toString()} leaves them out so a stray log line cannot leak them.
 *
 * @param leftOn   {@code null} while the person is still a member
 * @param consent  the basis for holding the personal data, or {@code null} when none was recorded
 * @param erasedAt when the personal data was erased on request; {@code fullName}, {@code phone} and
 *                 {@code nationalId} are then {@code null}, and the roster's history (id, role, dates) stays
 */
public record Member(
        String id,
        String unitId,
        String fullName,
        MemberRole role,
        String phone,
        String nationalId,
        LocalDate joinedOn,
        LocalDate leftOn,
        Instant addedAt,
        String addedBy,
        Consent consent,
        Instant erasedAt) {

    /** A member without a consent record, as members were before consent was recorded. */
    public Member(String id, String unitId, String fullName, MemberRole role, String phone, String nationalId,
            LocalDate joinedOn, LocalDate leftOn, Instant addedAt, String addedBy) {
        this(id, unitId, fullName, role, phone, nationalId, joinedOn, leftOn, addedAt, addedBy, null, null);
    }

    public boolean hasPersonalData() {
        return phone != null || nationalId != null;
    }

    /** Holds a phone or national id with no recorded basis: the unit has to record one or erase the data. */
    public boolean lacksConsent() {
        return hasPersonalData() && consent == null;
    }

    public boolean isErased() {
        return erasedAt != null;
    }

    /** The same member with phone and national id masked. */
    public Member masked() {
        return new Member(id, unitId, fullName, role, PersonalData.maskPhone(phone),
                PersonalData.maskNationalId(nationalId), joinedOn, leftOn, addedAt, addedBy, consent, erasedAt);
    }

    @Override
    public String toString() {
        return "Member[id=" + id + ", unitId=" + unitId + ", role=" + role + ", joinedOn=" + joinedOn + ", leftOn="
                + leftOn + (erasedAt == null ? "" : ", erased") + "]";
    }
}
