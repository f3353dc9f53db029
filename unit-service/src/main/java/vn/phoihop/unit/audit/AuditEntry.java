package vn.phoihop.unit.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the append-only audit log (nhật ký truy cập): who did what to which records, when, why and with
 * what outcome. Written for every read of unmasked personal data now; the security issue extends it to every
 * write and admin action, which is why the fields are generic.
 *
 * @param actor       the token's subject
 * @param action      what was done, e.g. {@value #READ_PERSONAL_DATA}
 * @param resourceType the kind of record, e.g. {@code member}
 * @param resourceIds the records concerned (a list read names each member whose personal data it returned)
 * @param unitId      the unit the records belong to, for scope-filtered queries later
 * @param purpose     why, as the caller declared it ({@code X-Purpose}); may be {@code null} for actions that need none
 * @param requestId   the correlation id, to join with log lines and events
 */
public record AuditEntry(
        Instant at,
        String actor,
        String action,
        String resourceType,
        List<String> resourceIds,
        String unitId,
        String purpose,
        String requestId,
        AuditOutcome outcome) {

    public static final String READ_PERSONAL_DATA = "personal-data.read";

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(outcome, "outcome");
        resourceIds = List.copyOf(resourceIds);
    }
}
