package vn.phoihop.program.unitview;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.program.unitview.mongo.UnitPlaces;

/**
 * Keeps {@link UnitPlaces} in step with the {@code units} topic. Each change is an idempotent set of the
 * latest placement, so redelivery and replay change nothing; a unit's events arrive in order (keyed by its id).
 */
@Component
class UnitEventsListener {

    private final UnitPlaces places;

    UnitEventsListener(UnitPlaces places) {
        this.places = places;
    }

    @KafkaListener(id = "unit-view", groupId = "program-service.unit-view${phoihop.kafka.group-suffix:}",
            topics = Topics.UNITS)
    void on(ConsumerRecord<String, String> record) {
        CloudEvent event = EventCodec.decode(record.value());
        if (event.type().equals(EventTypes.UNIT_CREATED.name())) {
            var created = EventCodec.data(event, EventTypes.UNIT_CREATED);
            places.placed(created.unitId(), created.parentId());
            places.named(created.unitId(), created.name());
        } else if (event.type().equals(EventTypes.UNIT_RENAMED.name())) {
            var renamed = EventCodec.data(event, EventTypes.UNIT_RENAMED);
            places.named(renamed.unitId(), renamed.name());
        } else if (event.type().equals(EventTypes.UNIT_MOVED.name())) {
            var moved = EventCodec.data(event, EventTypes.UNIT_MOVED);
            places.placed(moved.unitId(), moved.newParentId());
        } else if (event.type().equals(EventTypes.UNIT_MERGED.name())) {
            var merged = EventCodec.data(event, EventTypes.UNIT_MERGED);
            places.ended(merged.unitId(), merged.effectiveDate(), merged.targetId());
        }
    }
}
