package vn.phoihop.unit.activity;

/** Where an activity stands; only a counting status adds to progress. */
public enum ActivityStatus {
    /** Logged by one agency alone; counts at once. */
    SUBMITTED,
    /** A joint activity waiting for every co-unit's agency to confirm it (xác nhận). */
    AWAITING_CONFIRMATION,
    /** A joint activity every co-unit's agency has confirmed; counts. */
    CONFIRMED,
    /** A co-unit's agency refused it, with a reason; never counts. Final: log a new activity instead. */
    REJECTED;

    public boolean counts() {
        return this == SUBMITTED || this == CONFIRMED;
    }
}
