package vn.phoihop.unit.activity;

import java.util.ArrayList;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.activity.ActivityState;

/**
 * Builds an activity's events: the whole state after the change, keyed by the activity id so one activity's
 * events stay in order, with the program and the unit's path for consumers that filter without decoding.
 */
@Component
public class ActivityEvents {

    private final EventCodec codec;

    public ActivityEvents(EventCodec codec) {
        this.codec = codec;
    }

    public CloudEvent of(EventType<ActivityState> type, Activity a, String reason) {
        var path = new ArrayList<>(a.ancestorIds());
        path.add(a.unitId());
        var state = new ActivityState(a.id(), a.revision(), a.programId(), a.unitId(), a.ancestorIds(), a.coUnitIds(),
                a.type().name(), a.occurredOn(), a.metrics(), a.status().name(), a.counts(), a.version(), reason);
        return codec.create(type, a.id(), a.id(), a.programId(), path, state);
    }
}
