package vn.phoihop.unit.member;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person on a unit's roster (thành viên), e.g. a tổ viên of a people's security team. {@code phone} and
 * {@code nationalId} (CCCD) are personal data: masked unless the caller holds {@code pii:read}, never logged,
 * never in events. {@link #toString()} leaves them out so a stray log line cannot leak them.
 *
 * @param leftOn {@code null} while the person is still a member
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
        String addedBy) {

    public boolean hasPersonalData() {
        return phone != null || nationalId != null;
    }

    /** The same member with phone and national id masked. */
    public Member masked() {
        return new Member(id, unitId, fullName, role, PersonalData.maskPhone(phone),
                PersonalData.maskNationalId(nationalId), joinedOn, leftOn, addedAt, addedBy);
    }

    @Override
    public String toString() {
        return "Member[id=" + id + ", unitId=" + unitId + ", role=" + role + ", joinedOn=" + joinedOn + ", leftOn="
                + leftOn + "]";
    }
}
