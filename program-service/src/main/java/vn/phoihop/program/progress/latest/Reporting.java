package vn.phoihop.program.progress.latest;

import java.util.Set;

/**
 * What an activity reports to the latest-value model at {@code version}: the LATEST indicators it has a figure for
 * while it counts (none otherwise), under its unit. Stored per activity; an event changes the reports only if it is
 * of a later version, so redelivered, duplicate and stale events change nothing.
 */
public record Reporting(String activityId, int version, String programId, String unitId, Set<String> indicators) {

    public Reporting {
        indicators = Set.copyOf(indicators);
    }

    boolean supersededBy(int newer) {
        return newer > version;
    }
}
