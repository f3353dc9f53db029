package vn.phoihop.unit.activity;

import java.time.LocalDate;
import java.util.Set;

/**
 * A page of the activity list: every filter optional, newest {@code occurredOn} first, then by id. {@code unitId}
 * matches the subtree of the unit, through the unit and co-units' ancestors as they stood when it was logged.
 *
 * @param statuses  any of these (empty: every status)
 * @param awaiting  only activities where a side of this agency has yet to confirm the current revision
 * @param sidesWithin with {@code awaiting}: only sides whose unit is one of these (the co-signing inbox: the caller's
 *                  scope); {@code null} for any side
 * @param corrected only activities corrected at least once ({@code revision > 1})
 */
public record ActivityQuery(String programId, String unitId, ActivityType type, Set<ActivityStatus> statuses,
        Agency awaiting, Set<String> sidesWithin, boolean corrected, LocalDate from, LocalDate to, int limit, PageKey after) {

    public ActivityQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    /** Where the previous page ended. */
    public record PageKey(LocalDate occurredOn, String id) {
    }
}
