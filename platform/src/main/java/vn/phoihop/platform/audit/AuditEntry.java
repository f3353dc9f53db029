package vn.phoihop.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of a service's append-only audit log (nhật ký kiểm toán): who did what to which records, when, from
 * where, with what outcome, and why for a read of personal data. It names records by id and never holds request
 * bodies or the personal data itself.
 *
 * @param actor        the token's subject, or {@value #ANONYMOUS} for a request without a valid token
 * @param action       what was done: {@code METHOD /route/{pattern}} for an API call, or {@value #READ_PERSONAL_DATA}
 * @param resourceType the kind of record: the API collection ({@code units}, {@code programs}…), or {@code member}
 * @param resourceIds  the records concerned: the route's path variables (and the id a create made), or the members
 *                     whose personal data a read returned
 * @param unitId       the unit the records belong to, where the service knows it; may be {@code null}
 * @param from         the client's address as the gateway forwarded it; {@code null} outside a request
 * @param requestId    the correlation id, to join with log lines and events
 * @param purpose      why, as the caller declared it ({@code X-Purpose}), for reads of personal data; else {@code null}
 */
public record AuditEntry(
        Instant at,
        String actor,
        String action,
        String resourceType,
        List<String> resourceIds,
        String unitId,
        String from,
        String requestId,
        AuditOutcome outcome,
        String purpose) {

    public static final String READ_PERSONAL_DATA = "personal-data.read";
    public static final String ANONYMOUS = "anonymous";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(outcome, "outcome");
        resourceIds = List.copyOf(resourceIds);
    }
}
