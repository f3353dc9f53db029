package vn.phoihop.program.progress.latest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.phoihop.program.progress.ActivityEvents.ActivityEvent;
import vn.phoihop.program.progress.latest.mongo.LatestReports;

/**
 * Keeps the latest-value read model from the same activity events as the counters: for every (program, LATEST
 * indicator, unit) the reports of the counting activities, each under its activity id. A unit's figure is picked at
 * read time ({@link LatestFigures}), so an event only sets or takes away its activity's report.
 *
 * <p>Exactly once in effect without offset marks: a report is a value set, not an amount added, so writing it again
 * changes nothing. Per batch: read the activities' stored {@link Reporting} (one {@code $in}); work out, in offset
 * order, what each newer event sets or takes away; write the reports; then the newer reportings. A crash before the
 * reportings are stored makes the redelivery work out and write the very same reports again; after, the events are
 * not newer and change nothing. One consumer writes each generation (ADR 0005).
 */
@Component
public class LatestProjection {

    private final LatestReports store;

    public LatestProjection(LatestReports store) {
        this.store = store;
    }

    /** Applies a batch's events (offset order per partition) to {@code generation}; events of programs without LATEST indicators are passed over. */
    public void apply(int generation, List<ActivityEvent> events) {
        var relevant = events.stream().filter(e -> e.latest() != null).toList();
        if (relevant.isEmpty()) {
            return;
        }
        var stored = store.reporting(generation,
                relevant.stream().map(e -> e.activity().activityId()).collect(Collectors.toSet()));
        var projected = project(relevant, stored);
        store.write(generation, projected.changes());
        store.storeReporting(generation, projected.reporting().values(), stored.keySet());
    }

    /** The reports to set or take away, the last change per activity and unit report winning, and the newer reportings. */
    record Projected(List<ReportChange> changes, Map<String, Reporting> reporting) {
    }

    static Projected project(List<ActivityEvent> events, Map<String, Reporting> stored) {
        var current = new HashMap<>(stored);
        var changes = new LinkedHashMap<String, ReportChange>();
        var newer = new LinkedHashMap<String, Reporting>();
        for (ActivityEvent e : events) {
            var a = e.activity();
            Reporting before = current.get(a.activityId());
            if (before != null && !before.supersededBy(a.version())) {
                continue;
            }
            Map<String, BigDecimal> counted = a.counts() ? e.latest() : Map.of();
            if (before != null) {
                for (String indicator : before.indicators()) {
                    if (!counted.containsKey(indicator) || !before.unitId().equals(a.unitId())) {
                        put(changes, new ReportChange(before.programId(), indicator, before.unitId(), a.activityId(), null));
                    }
                }
            }
            counted.forEach((indicator, value) -> put(changes, new ReportChange(a.programId(), indicator, a.unitId(),
                    a.activityId(), new Report(a.activityId(), a.occurredOn(), value, e.time(),
                            a.version()))));
            var next = new Reporting(a.activityId(), a.version(), a.programId(), a.unitId(), new HashSet<>(counted.keySet()));
            current.put(a.activityId(), next);
            newer.put(a.activityId(), next);
        }
        return new Projected(new ArrayList<>(changes.values()), newer);
    }

    private static void put(Map<String, ReportChange> changes, ReportChange change) {
        String slot = change.programId() + "|" + change.indicator() + "|" + change.unitId() + "|" + change.activityId();
        changes.put(slot, change); // a later event of the batch replaces an earlier one's change of the same report
    }
}
