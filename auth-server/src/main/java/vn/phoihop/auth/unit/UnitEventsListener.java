package vn.phoihop.auth.unit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;

/**
 * Keeps {@link UnitPlaces} in step with the {@code units} topic: a unit's parent from its creation and its moves. A
 * merged unit stays under its last parent (scope is today's tree, where the old unit still exists) and a rename
 * changes no place, so those events are skipped. Each change is an idempotent set: redelivery and replay change
 * nothing, and a unit's events arrive in order (keyed by its id).
 */
class UnitEventsListener {

    private final UnitPlaces places;

    UnitEventsListener(UnitPlaces places) {
        this.places = places;
    }

    @KafkaListener(id = "auth-unit-view", groupId = "auth-server.unit-view${phoihop.kafka.group-suffix:}",
            topics = Topics.UNITS)
    void on(ConsumerRecord<String, String> record) {
        CloudEvent event = EventCodec.decode(record.value());
        if (event.type().equals(EventTypes.UNIT_CREATED.name())) {
            var created = EventCodec.data(event, EventTypes.UNIT_CREATED);
            places.placed(required(created.unitId(), event), created.parentId());
        } else if (event.type().equals(EventTypes.UNIT_MOVED.name())) {
            var moved = EventCodec.data(event, EventTypes.UNIT_MOVED);
            places.placed(required(moved.unitId(), event), moved.newParentId());
        }
    }

    private static String required(String unitId, CloudEvent event) {
        if (unitId == null || unitId.isBlank()) {
            throw new MalformedEventException(event.type() + " without unitId", null);
        }
        return unitId;
    }
}
