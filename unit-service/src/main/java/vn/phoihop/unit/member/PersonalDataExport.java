package vn.phoihop.unit.member;

import java.time.Instant;
import java.util.List;
import vn.phoihop.platform.audit.AuditOutcome;

/**
 * Everything unit-service holds about a member, for the person's right to know (Decree 13/2023/NĐ-CP, Art. 9 and
 * 14): the record unmasked, its consent, and the audit entries that name it, newest first.
 */
public record PersonalDataExport(Member member, List<Processing> auditTrail, Instant exportedAt) {

    /**
     * Who processed the member's data, when and why: reads of it ({@code personal-data.read}, with the purpose
     * declared), its erasure ({@code personal-data.erase}, with the reason) and the writes naming it ({@code POST
     * /api/v1/units/{unitId}/members}...).
     */
    public record Processing(Instant at, String actor, String action, String purpose, AuditOutcome outcome) {
    }
}
