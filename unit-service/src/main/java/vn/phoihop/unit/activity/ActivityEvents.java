package vn.phoihop.unit.activity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Builds an activity's events: the whole state after the change, keyed by the activity id so one activity's
 * events stay in order, with the program and the unit's path for consumers that filter without decoding. A joint
 * activity's co-units and their ancestors go in {@code unitscope}, so their principals see it on the live stream.
 */
@Component
public class ActivityEvents {

    private final EventCodec codec;
    private final UnitRegistry units;

    public ActivityEvents(EventCodec codec, UnitRegistry units) {
        this.codec = codec;
        this.units = units;
    }

    public CloudEvent of(EventType<ActivityState> type, Activity a, String reason) {
        var path = new ArrayList<>(a.ancestorIds());
        path.add(a.unitId());
        var coUnits = new LinkedHashSet<String>();
        for (String coUnitId : a.coUnitIds()) {
            coUnits.addAll(units.find(coUnitId).map(Unit::path).orElse(java.util.List.of(coUnitId)));
        }
        var state = new ActivityState(a.id(), a.revision(), a.programId(), a.unitId(), a.ancestorIds(), a.coUnitIds(),
                a.type().name(), a.occurredOn(), a.metrics(), a.status().name(), a.counts(), a.version(), reason);
        return codec.create(type, a.id(), a.id(), a.programId(), path, coUnits, state);
    }
}
