package vn.phoihop.unit.activity;

import java.time.LocalDate;

/**
 * A page of the activity list: every filter optional, newest {@code occurredOn} first, then by id. {@code unitId}
 * matches the subtree of the unit, through the unit and co-units' ancestors as they stood when it was logged.
 */
public record ActivityQuery(String programId, String unitId, ActivityType type, ActivityStatus status,
        LocalDate from, LocalDate to, int limit, PageKey after) {

    /** Where the previous page ended. */
    public record PageKey(LocalDate occurredOn, String id) {
    }
}
