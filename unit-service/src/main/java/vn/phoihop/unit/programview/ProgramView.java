package vn.phoihop.unit.programview;

import java.time.LocalDate;
import java.util.Set;

/**
 * What unit-service knows of a program, from the {@code programs} topic: enough to accept or refuse
 * an activity without calling program-service.
 */
public record ProgramView(String id, long version, String status, LocalDate startsOn, LocalDate endsOn,
        Set<String> indicatorCodes) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(startsOn) && !date.isAfter(endsOn);
    }
}
