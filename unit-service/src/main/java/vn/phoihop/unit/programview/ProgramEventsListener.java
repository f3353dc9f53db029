package vn.phoihop.unit.programview;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.unit.programview.mongo.ProgramViews;

/** Keeps {@link ProgramViews} in step with the {@code programs} topic. */
@Component
class ProgramEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ProgramEventsListener.class);

    private final ProgramViews views;

    ProgramEventsListener(ProgramViews views) {
        this.views = views;
    }

    @KafkaListener(id = "program-view", groupId = "unit-service.program-view${phoihop.kafka.group-suffix:}",
            topics = Topics.PROGRAMS)
    void on(ConsumerRecord<String, String> record) {
        CloudEvent event = EventCodec.decode(record.value());
        if (!EventTypes.carriesProgramState(event.type())) {
            log.debug("Ignoring {} on {}", event.type(), Topics.PROGRAMS);
            return;
        }
        var state = EventCodec.data(event, ProgramState.class);
        views.apply(state);
        log.info("Program {} is now {} (version {})", state.programId(), state.status(), state.version());
    }
}
