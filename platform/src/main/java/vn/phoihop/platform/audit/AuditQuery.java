package vn.phoihop.platform.audit;

import java.time.Instant;

/**
 * What an admin asks of the audit log: every filter optional ({@code null}), all of them must hold. Entries come
 * newest first; {@code before} is the id of the last entry of the previous page.
 *
 * @param since from this instant, inclusive
 * @param until to this instant, exclusive
 */
public record AuditQuery(
        String actor,
        String action,
        String resourceType,
        String resourceId,
        String unitId,
        String requestId,
        AuditOutcome outcome,
        Instant since,
        Instant until,
        String before,
        int limit) {
}
