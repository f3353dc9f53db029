package vn.phoihop.platform.audit;

/**
 * The append-only audit log. There is deliberately no update or delete: entries are only ever added, and no
 * endpoint edits them. {@link #record} returns only once the entry is stored, so a caller that must not
 * disclose anything unaudited (an unmasked read) records first and fails closed if this throws.
 */
@FunctionalInterface
public interface AuditLog {

    void record(AuditEntry entry);
}
