package vn.phoihop.platform.audit;

/** How the audited action ended. */
public enum AuditOutcome {
    /** Done: the data was returned or the change stored. */
    SUCCESS,
    /** Refused by a rule of access (no or bad token, role, scope). */
    DENIED,
    /** Attempted, but failed (bad input, unknown record, a domain rule, an error). */
    FAILED;

    /** The outcome an HTTP status says: 2xx done, 401/403 refused, anything else failed. */
    public static AuditOutcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        return status == 401 || status == 403 ? DENIED : FAILED;
    }
}
