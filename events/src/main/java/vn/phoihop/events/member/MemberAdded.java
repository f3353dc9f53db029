package vn.phoihop.events.member;

import java.time.LocalDate;

/**
 * {@code member.added.v1}: a person joined a unit's roster (e.g. a tổ viên of a people's security team).
 * Keyed by the unit id, so one unit's member events stay in order.
 *
 * <p>Carries no personal data: no name, phone or national id (Decree 13/2023, Law 91/2025). A consumer that
 * needs those asks unit-service, which masks and audits them.
 *
 * @param leftOn {@code null} while the person is still a member
 */
public record MemberAdded(
        String memberId,
        String unitId,
        String role,
        LocalDate joinedOn,
        LocalDate leftOn) {
}
