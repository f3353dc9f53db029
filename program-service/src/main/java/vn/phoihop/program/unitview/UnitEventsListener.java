package vn.phoihop.program.unitview;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;
import vn.phoihop.program.unitview.mongo.UnitPlaces;

/**
 * Keeps {@link UnitPlaces} in step with the {@code units} topic. Each change is an idempotent set (of the latest
 * placement, the end, or a member of the target's predecessors), so redelivery and replay change nothing; a unit's
 * events arrive in order (keyed by its id), while a merge may arrive before its new target's creation.
 *
 * <p>The group is {@code unit-view-2} since merges also record predecessors and ancestors on the last day: a new
 * group reads the topic from the start once, filling them in for merges made before.
 */
@Component
class UnitEventsListener {

    private final UnitPlaces places;
    private final UnitIndex index;

    UnitEventsListener(UnitPlaces places, UnitIndex index) {
        this.places = places;
        this.index = index;
    }

    @KafkaListener(id = "unit-view", groupId = "program-service.unit-view-2${phoihop.kafka.group-suffix:}",
            topics = Topics.UNITS)
    void on(ConsumerRecord<String, String> record) {
        CloudEvent event = EventCodec.decode(record.value());
        if (event.type().equals(EventTypes.UNIT_CREATED.name())) {
            var created = EventCodec.data(event, EventTypes.UNIT_CREATED);
            places.placed(created.unitId(), created.parentId());
            places.named(created.unitId(), created.name());
            changed(created.unitId());
        } else if (event.type().equals(EventTypes.UNIT_RENAMED.name())) {
            var renamed = EventCodec.data(event, EventTypes.UNIT_RENAMED);
            places.named(renamed.unitId(), renamed.name());
            changed(renamed.unitId());
        } else if (event.type().equals(EventTypes.UNIT_MOVED.name())) {
            var moved = EventCodec.data(event, EventTypes.UNIT_MOVED);
            places.placed(moved.unitId(), moved.newParentId());
            changed(moved.unitId());
        } else if (event.type().equals(EventTypes.UNIT_MERGED.name())) {
            var merged = EventCodec.data(event, EventTypes.UNIT_MERGED);
            if (merged.unitId() == null || merged.targetId() == null || merged.effectiveDate() == null) {
                throw new MalformedEventException("unit.merged.v1 without unitId, targetId or effectiveDate", null);
            }
            places.ended(merged.unitId(), merged.effectiveDate(), merged.targetId(), ancestorsOnLastDay(event, merged.unitId()));
            places.succeeded(merged.targetId(), List.of(merged.unitId()));
            changed(merged.unitId(), merged.targetId());
        }
    }

    /** The envelope's path of a merge is the source's ancestors on its last day, then the source; null if it is not. */
    private static List<String> ancestorsOnLastDay(CloudEvent event, String unitId) {
        List<String> path = event.unitPath();
        return !path.isEmpty() && path.get(path.size() - 1).equals(unitId) ? path.subList(0, path.size() - 1) : null;
    }

    private void changed(String... unitIds) {
        index.changed(places.changed(), List.of(unitIds));
    }
}
