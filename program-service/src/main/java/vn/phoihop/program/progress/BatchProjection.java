package vn.phoihop.program.progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.phoihop.program.progress.ActivityEvents.ActivityEvent;

/**
 * What a batch of events does to the read model, worked out in memory before anything is written: events in the
 * batch's order (offset order per partition), each against the activity's contribution as stored or as an earlier event
 * of the same batch left it. An activity may occur several times in a batch; each event that supersedes gives its
 * own counter change, at its own offset, so that a redelivery in other batches finds the same changes.
 */
final class BatchProjection {

    /** One event, where it was read, and the request id it carries (null: none), for the log. */
    record Placed(ActivityEvent event, String partition, long offset, String requestId) {
    }

    /** How one event turned out: applied, or ignored because {@code over} is as new or newer. */
    record Outcome(Placed placed, boolean applied, Contribution over) {
    }

    final List<CounterChange> changes = new ArrayList<>();
    /** The latest contribution of every activity an event superseded, to be stored. */
    final Map<String, Contribution> latest = new LinkedHashMap<>();
    final List<Outcome> outcomes = new ArrayList<>();

    static BatchProjection of(List<Placed> events, Map<String, Contribution> stored) {
        var projection = new BatchProjection();
        var current = new HashMap<>(stored);
        for (Placed placed : events) {
            Contribution next = Contribution.of(placed.event().activity());
            Contribution before = current.get(next.activityId());
            if (next.supersedes(before)) {
                var amounts = next.deltaFrom(before);
                if (!amounts.isEmpty()) {
                    projection.changes.add(new CounterChange(placed.partition(), placed.offset(), amounts));
                }
                current.put(next.activityId(), next);
                projection.latest.put(next.activityId(), next);
                projection.outcomes.add(new Outcome(placed, true, before));
            } else {
                projection.outcomes.add(new Outcome(placed, false, before));
            }
        }
        return projection;
    }
}
