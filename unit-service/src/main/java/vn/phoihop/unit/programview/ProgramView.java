package vn.phoihop.unit.programview;

import java.time.LocalDate;
import java.util.Set;

/**
 * What unit-service knows of a program, from the {@code programs} topic: enough to accept or refuse
 * an activity without calling program-service.
 *
 * @param enrolledUnitIds the units taking part, each with its subtree; empty while none is enrolled (and for views
 *                        built from events older than enrolments)
 */
public record ProgramView(String id, long version, String status, LocalDate startsOn, LocalDate endsOn,
        Set<String> indicatorCodes, Set<String> enrolledUnitIds) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /**
     * Whether a unit on {@code path} (its ancestors and itself) takes part. A program that enrols nobody restricts
     * nobody: programs activated before enrolments existed must keep accepting activities.
     */
    public boolean enrolls(java.util.Collection<String> path) {
        return enrolledUnitIds.isEmpty() || path.stream().anyMatch(enrolledUnitIds::contains);
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(startsOn) && !date.isAfter(endsOn);
    }
}
