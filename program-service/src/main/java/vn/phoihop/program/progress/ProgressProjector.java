package vn.phoihop.program.progress;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.platform.inbox.ProcessedEvents;
import vn.phoihop.program.progress.mongo.ProgressCounters;

/**
 * Feeds the progress read model from the {@code activities} topic. A counting activity adds each
 * metric to its unit, every ancestor and the program as a whole ({@value #PROGRAM_WIDE}), in each of
 * its period buckets.
 *
 * <p>Exactly once in effect: the offset guard in {@link ProgressCounters} absorbs redelivery of the same
 * record; {@link ProcessedEvents} absorbs the same event published twice by the outbox relay.
 */
@Component
public class ProgressProjector {

    public static final String PROGRAM_WIDE = "*";
    static final String CONSUMER = "progress";
    private static final Logger log = LoggerFactory.getLogger(ProgressProjector.class);

    private final ProgressCounters counters;
    private final ProcessedEvents processed;

    ProgressProjector(ProgressCounters counters, ProcessedEvents processed) {
        this.counters = counters;
        this.processed = processed;
    }

    @KafkaListener(id = "progress", groupId = "program-service.progress${phoihop.kafka.group-suffix:}",
            topics = Topics.ACTIVITIES)
    public void on(ConsumerRecord<String, String> record) {
        CloudEvent event = EventCodec.decode(record.value());
        if (!EventTypes.ACTIVITY_SUBMITTED.name().equals(event.type()) || processed.contains(CONSUMER, event.id())) {
            return;
        }
        ActivityState activity = EventCodec.data(event, EventTypes.ACTIVITY_SUBMITTED);
        if (activity.counts()) {
            String partition = record.topic() + "-" + record.partition();
            for (Increment increment : incrementsOf(activity)) {
                counters.add(increment.counterId(), increment.amount(), partition, record.offset());
            }
            log.info("Activity {} counted toward program {}", activity.activityId(), activity.programId());
        }
        processed.add(CONSUMER, event.id());
    }

    private record Increment(String counterId, double amount) {
    }

    private static List<Increment> incrementsOf(ActivityState a) {
        var units = new ArrayList<>(a.ancestorIds());
        units.add(a.unitId());
        units.add(PROGRAM_WIDE);
        var increments = new ArrayList<Increment>();
        a.metrics().forEach((indicator, amount) -> units.forEach(unit -> Periods.of(a.occurredOn()).forEach(bucket ->
                increments.add(new Increment(ProgressCounters.id(a.programId(), indicator, unit, bucket), amount)))));
        return increments;
    }
}
