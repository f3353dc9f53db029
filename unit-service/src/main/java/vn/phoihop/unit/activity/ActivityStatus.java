package vn.phoihop.unit.activity;

/** Where an activity stands; only a counting status adds to progress. */
public enum ActivityStatus {
    /** Without co-units, and its figures carry its logging agency's word; counts. */
    SUBMITTED,
    /**
     * Some side has yet to confirm the current revision (xác nhận): a co-unit of a joint activity, or the logging
     * unit after another agency corrected it. Does not count.
     */
    AWAITING_CONFIRMATION,
    /** A joint activity whose current revision every side confirmed; counts. */
    CONFIRMED,
    /** A side's agency refused it, with a reason; never counts. Final: log a new activity instead. */
    REJECTED;

    public boolean counts() {
        return this == SUBMITTED || this == CONFIRMED;
    }
}
