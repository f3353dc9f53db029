package vn.phoihop.unit.audit;

/** How the audited action ended. */
public enum AuditOutcome {
    /** Done: the data was returned or the change stored. */
    SUCCESS,
    /** Refused by a rule of access (role, scope, missing purpose). */
    DENIED,
    /** Attempted, but failed. */
    FAILED
}
