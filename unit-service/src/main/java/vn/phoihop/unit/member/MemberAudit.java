package vn.phoihop.unit.member;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditLog;
import vn.phoihop.platform.audit.AuditOutcome;
import vn.phoihop.platform.audit.web.ClientAddress;
import vn.phoihop.platform.web.RequestIds;

/**
 * The audit entries the roster writes itself, beside the platform's entry for every write: reads of personal data
 * and erasures, each naming the members by id with the caller's purpose or reason, never the data. Recorded before
 * the data is returned or erased, so that a failed audit write stops the request (fails closed).
 */
@Component
public class MemberAudit {

    static final String RESOURCE = "member";
    /** Personal data erased on request or on withdrawal of consent; the reason is in {@code purpose}. */
    static final String ERASE_PERSONAL_DATA = "personal-data.erase";

    private final AuditLog audit;
    private final Clock clock;

    public MemberAudit(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    void read(String actor, String unitId, List<String> memberIds, String purpose) {
        record(AuditEntry.READ_PERSONAL_DATA, actor, unitId, memberIds, purpose);
    }

    void erase(String actor, String unitId, String memberId, String reason) {
        record(ERASE_PERSONAL_DATA, actor, unitId, List.of(memberId), reason);
    }

    private void record(String action, String actor, String unitId, List<String> memberIds, String purpose) {
        audit.record(new AuditEntry(clock.instant(), actor, action, RESOURCE, memberIds, unitId,
                ClientAddress.current(), RequestIds.current(), AuditOutcome.SUCCESS, purpose));
    }
}
