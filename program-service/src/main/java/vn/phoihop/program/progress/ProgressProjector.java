package vn.phoihop.program.progress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.platform.web.RequestIds;
import vn.phoihop.program.progress.BatchProjection.Outcome;
import vn.phoihop.program.progress.BatchProjection.Placed;
import vn.phoihop.program.progress.latest.LatestProjection;
import vn.phoihop.program.progress.mongo.ActivityContributions;
import vn.phoihop.program.progress.mongo.ProgressCounters;

/**
 * Applies a batch of activity events to one generation of the progress read model: for each event whose version is
 * newer than the activity's contribution, the counters move by the difference and the new contribution is stored.
 *
 * <p>Exactly once in effect without transactions (ADR 0006): the batch's stored contributions are read first, in one
 * query; the changes are worked out in memory in offset order; then two bulks are written in this order — counters
 * (each leaving out what its partition mark says it already took), contributions; the latest-value model ({@link LatestProjection}, with its own version guard)
 * after them. A crash between or inside them is
 * repaired by the redelivery, however Kafka batches it; a duplicate or stale event is not newer than the contribution.
 * Last, {@link ProgressAnnouncer} tells dashboards which programs and units moved ({@code progress.changed.v1}).
 */
@Component
public class ProgressProjector {

    private static final Logger log = LoggerFactory.getLogger(ProgressProjector.class);

    private final ActivityEvents events;
    private final ProgressCounters counters;
    private final ActivityContributions contributions;
    private final LatestProjection latest;
    private final ProgressAnnouncer announcer;

    ProgressProjector(ActivityEvents events, ProgressCounters counters, ActivityContributions contributions,
            LatestProjection latest, ProgressAnnouncer announcer) {
        this.events = events;
        this.counters = counters;
        this.contributions = contributions;
        this.latest = latest;
        this.announcer = announcer;
    }

    /** @throws MalformedEventException before writing anything, for an event that cannot be applied */
    public void apply(ConsumerRecord<String, String> record, int generation) {
        apply(List.of(record), generation, (r, e) -> {
            throw e;
        });
    }

    /**
     * Applies {@code records} (a partition's in offset order). A record that cannot be applied is handed to
     * {@code unusable} with the reason before anything is written, and the batch goes on without it.
     */
    public void apply(List<ConsumerRecord<String, String>> records, int generation,
            BiConsumer<ConsumerRecord<String, String>, MalformedEventException> unusable) {
        long started = System.nanoTime();
        var placed = read(records, unusable);
        if (placed.isEmpty()) {
            return;
        }
        var stored = contributions.find(generation, placed.stream().map(p -> p.event().activity().activityId())
                .collect(Collectors.toSet()));
        var projection = BatchProjection.of(placed, stored);
        counters.apply(generation, projection.changes);
        contributions.store(generation, projection.latest.values(), stored.keySet());
        latest.apply(generation, placed.stream().map(Placed::event).toList());
        // after every write and before the offsets commit: a crash before the acks announces the batch again
        announcer.announce(generation, ProgressNotices.of(projection.outcomes));
        projection.outcomes.forEach(ProgressProjector::logged);
        log.debug("Generation {}: batch of {} events, {} activities changed, in {} ms", generation, placed.size(),
                projection.latest.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private List<Placed> read(List<ConsumerRecord<String, String>> records,
            BiConsumer<ConsumerRecord<String, String>, MalformedEventException> unusable) {
        var placed = new ArrayList<Placed>();
        for (var r : records) {
            try {
                events.read(r.value()).ifPresent(e -> placed.add(
                        new Placed(e, r.topic() + "-" + r.partition(), r.offset(), requestId(r))));
            } catch (MalformedEventException e) {
                unusable.accept(r, e);
            }
        }
        return placed;
    }

    private static String requestId(ConsumerRecord<String, String> r) {
        Header header = r.headers().lastHeader(RequestIds.KAFKA_HEADER);
        return header == null ? null : RequestIds.acceptOrCreate(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** One line per event, under the request id it carries: what the activity now counts for. */
    private static void logged(Outcome o) {
        if (o.placed().requestId() != null) {
            MDC.put(RequestIds.MDC_KEY, o.placed().requestId());
        }
        try {
            var a = o.placed().event().activity();
            if (o.applied()) {
                log.info("Activity {} {} program {} at version {} ({})", a.activityId(),
                        a.counts() ? "counted toward" : "not counted toward", a.programId(), a.version(), a.status());
            } else {
                log.info("Activity {} version {} ignored: version {} already applied", a.activityId(), a.version(),
                        o.over().version());
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }
}
