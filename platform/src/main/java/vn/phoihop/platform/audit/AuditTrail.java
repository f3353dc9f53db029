package vn.phoihop.platform.audit;

import java.util.List;

/** Reading the audit log, for admins: the only other thing that can be done with it. */
public interface AuditTrail {

    /** Up to {@code query.limit()} entries matching the query, newest first. */
    List<StoredEntry> find(AuditQuery query);

    /** An entry with the id it was stored under, which orders entries by time and serves as a cursor. */
    record StoredEntry(String id, AuditEntry entry) {
    }
}
