package vn.phoihop.program.progress;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.phoihop.platform.inbox.ProcessedEvents;
import vn.phoihop.program.progress.ActivityEvents.ActivityEvent;
import vn.phoihop.program.progress.mongo.ActivityContributions;
import vn.phoihop.program.progress.mongo.ProgressCounters;

/**
 * Applies one activity event to one generation of the progress read model: if the event's version is newer than the
 * activity's stored contribution, the counters move by the difference and the new contribution is stored.
 *
 * <p>Exactly once in effect, with three single-document guards written in this order: the counters' offset marks
 * absorb a redelivered record whose counters were (partly) written; the stored contribution's version absorbs any
 * event of the activity that is not newer (redelivered after it was stored, published twice, or arriving late);
 * {@link ProcessedEvents} skips an event already fully applied without reading anything else.
 */
@Component
public class ProgressProjector {

    private static final Logger log = LoggerFactory.getLogger(ProgressProjector.class);

    private final ActivityEvents events;
    private final ProgressCounters counters;
    private final ActivityContributions contributions;
    private final ProcessedEvents processed;

    ProgressProjector(ActivityEvents events, ProgressCounters counters, ActivityContributions contributions,
            ProcessedEvents processed) {
        this.events = events;
        this.counters = counters;
        this.contributions = contributions;
        this.processed = processed;
    }

    /** The name a generation's consumer records its processed events under. */
    public static String consumer(int generation) {
        return "progress-g" + generation;
    }

    /** @throws vn.phoihop.events.MalformedEventException before writing anything, for an event that cannot be applied */
    public void apply(ConsumerRecord<String, String> record, int generation) {
        ActivityEvent event = events.read(record.value()).orElse(null);
        String consumer = consumer(generation);
        if (event == null || processed.contains(consumer, event.eventId())) {
            return;
        }
        Contribution next = Contribution.of(event.activity());
        Contribution stored = contributions.find(generation, next.activityId()).orElse(null);
        if (next.supersedes(stored)) {
            counters.add(generation, next.deltaFrom(stored), record.topic() + "-" + record.partition(), record.offset());
            contributions.store(generation, next);
            log.info("Activity {} {} program {} at version {} ({})", next.activityId(),
                    event.activity().counts() ? "counted toward" : "not counted toward", next.programId(),
                    next.version(), event.activity().status());
        } else {
            log.info("Activity {} version {} ignored: version {} already applied", next.activityId(), next.version(),
                    stored.version());
        }
        processed.add(consumer, event.eventId());
    }
}
