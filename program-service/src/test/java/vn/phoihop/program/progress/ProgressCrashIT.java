package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;


import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.progress.latest.LatestProjection;
import vn.phoihop.program.progress.mongo.ProgressAttempts;
import vn.phoihop.program.progress.mongo.ActivityContributions;
import vn.phoihop.program.progress.mongo.ProgressCounters;
import vn.phoihop.program.progress.mongo.ProgressGenerations;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * A crash anywhere in the projector's writes of a batch, followed by the redelivery Kafka makes after it, in batches
 * cut differently, ends with the same counters as a run without crashes. The records are built here and applied to
 * generations of their own, so the crash can be placed exactly; the MongoDB writes are the real ones.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressCrashIT {

    static final AtomicInteger GENERATIONS = new AtomicInteger(800_000 + (int) (Math.random() * 90_000));
    /** How the first delivery cuts the records into batches. */
    static final List<List<Integer>> BATCHINGS = List.of(List.of(10), List.of(4, 6), List.of(3, 3, 4));
    /** Crash points: what part of which write got through before the crash. */
    static final List<Crash.Point> POINTS = List.of(
            new Crash.Point("counters", n -> 0), new Crash.Point("counters", n -> n / 2),
            new Crash.Point("counters", n -> n - 1), new Crash.Point("counters", n -> n),
            new Crash.Point("contributions", n -> 0), new Crash.Point("contributions", n -> n / 2),
            new Crash.Point("contributions", n -> n));

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;
    @Autowired
    ProgressAnnouncer announcer;
    @Autowired
    ActivityEvents events;
    @Autowired
    ProgressGenerations generations;
    @Autowired
    LatestProjection latest;

    String program;
    List<ConsumerRecord<String, String>> records;

    @BeforeEach
    void lifeOfThreeActivities() throws Exception {
        program = new ProgressHarness(mvc).program("sessions", "attendees");
        var a = state("u-ninh-kieu", Map.of("sessions", 3.0, "attendees", 100.0), false);
        var b = state("u-cai-rang", Map.of("sessions", 1.0, "attendees", 40.0), true);
        var c = state("u-cai-rang", Map.of("sessions", 2.0, "attendees", 20.0), false);
        var a2 = ActivityPublisher.corrected(a, Map.of("sessions", 4.0, "attendees", 90.0));
        var b2 = ActivityPublisher.decided(b, true);
        var b3 = ActivityPublisher.corrected(b2, Map.of("sessions", 2.0, "attendees", 55.5));
        var events = new ArrayList<CloudEvent>(List.of(event(a, EventTypes.ACTIVITY_SUBMITTED),
                event(b, EventTypes.ACTIVITY_SUBMITTED), event(c, EventTypes.ACTIVITY_SUBMITTED),
                event(a2, EventTypes.ACTIVITY_CORRECTED), event(b2, EventTypes.ACTIVITY_CONFIRMED),
                event(ActivityPublisher.decided(a2, false), EventTypes.ACTIVITY_REJECTED),
                event(ActivityPublisher.corrected(c, Map.of("sessions", 2.0, "attendees", 25.0)), EventTypes.ACTIVITY_CORRECTED),
                event(b3, EventTypes.ACTIVITY_CORRECTED)));
        events.add(6, events.get(2)); // the relay published c's submission twice, the copy after c's correction
        events.add(events.get(4)); // and b's confirmation, after b's correction: an older version arriving late
        records = new ArrayList<>();
        for (CloudEvent event : events) {
            records.add(new ConsumerRecord<>(Topics.ACTIVITIES, 0, records.size(), event.subject(), EventCodec.encode(event)));
        }
    }

    @Test
    void aCrashAnywhereInABatchThenRedeliveryInOtherBatchesEndsWithTheSameCounters() {
        int reference = GENERATIONS.incrementAndGet();
        records.forEach(r -> projector(null).apply(r, reference));
        var expected = new ReadModelProbe(database, generations).counters(reference, program);
        assertThat(expected).containsEntry(CounterIds.of(program, "attendees", "*", "2019"), new BigDecimal("80.5"))
                .containsEntry(CounterIds.of(program, "sessions", "u-can-tho", "2019-09-01"), new BigDecimal("2"))
                .noneSatisfy((id, value) -> assertThat(id).contains("u-ninh-kieu"));

        int runs = 0;
        for (List<Integer> batching : BATCHINGS) {
            for (int crashed = 0; crashed < batching.size(); crashed++) {
                for (Crash.Point point : POINTS) {
                    for (boolean oneByOne : List.of(true, false)) {
                        int generation = GENERATIONS.incrementAndGet();
                        runWithCrash(generation, batching, crashed, point, oneByOne);
                        runs++;
                        assertThat(new ReadModelProbe(database, generations).counters(generation, program))
                                .as("crash in %s at batch %d of %s, redelivered %s", point, crashed, batching,
                                        oneByOne ? "one by one" : "in one batch").isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(runs).isEqualTo(2 * POINTS.size() * (1 + 2 + 3));
    }

    /**
     * Delivers the records in the batches of {@code batching}, crashing at {@code point} in batch {@code crashed}. As
     * no offset was committed for it, Kafka delivers again from that batch's first record: one by one, or all the rest
     * in one batch. Then the relay's copy of that first record arrives at a later offset.
     */
    private void runWithCrash(int generation, List<Integer> batching, int crashed, Crash.Point point, boolean oneByOne) {
        int from = 0;
        for (int i = 0; i < crashed; i++) {
            projector(null).apply(records.subList(from, from + batching.get(i)), generation, ProgressCrashIT::unexpected);
            from += batching.get(i);
        }
        var crashing = records.subList(from, from + batching.get(crashed));
        try {
            projector(point).apply(crashing, generation, ProgressCrashIT::unexpected);
            throw new AssertionError("no crash at " + point);
        } catch (Crash expected) {
            // the process died here
        }
        var rest = records.subList(from, records.size());
        if (oneByOne) {
            rest.forEach(r -> projector(null).apply(r, generation));
        } else {
            projector(null).apply(rest, generation, ProgressCrashIT::unexpected);
        }
        projector(null).apply(ActivityPublisher.again(records.get(from), records.size() + 10), generation);
    }

    private static void unexpected(ConsumerRecord<String, String> r, RuntimeException e) {
        throw new AssertionError("record " + r.offset() + " unusable", e);
    }

    /** A projector whose writes crash at {@code point}; null: one that does not crash. */
    private ProgressProjector projector(Crash.Point point) {
        var counters = point != null && point.write().equals("counters") ? new CrashingCounters(database, point.kept())
                : new ProgressCounters(database, new ProgressAttempts(database));
        var contributions = point != null && point.write().equals("contributions")
                ? new CrashingContributions(database, point.kept()) : new ActivityContributions(database);
        return new ProgressProjector(events, counters, contributions, latest, announcer);
    }

    private ActivityState state(String commune, Map<String, ? extends Number> metrics, boolean joint) {
        String id = java.util.UUID.randomUUID().toString();
        return new ActivityState(id, 1, program, commune, List.of("u-can-tho"), joint ? List.of("u-mttq") : List.of(),
                "PROPAGANDA_SESSION", joint ? LocalDate.of(2019, 9, 1) : LocalDate.of(2019, 8, 19), TestFigures.of(metrics),
                joint ? "AWAITING_CONFIRMATION" : "SUBMITTED", !joint);
    }

    private static CloudEvent event(ActivityState s, EventType<ActivityState> type) {
        return new EventCodec("/unit-service", Clock.systemUTC()).create(type, s.activityId(), s.activityId(),
                s.programId(), List.of("u-can-tho", s.unitId()), s);
    }

    static final class Crash extends RuntimeException {
        /** Crash in {@code write} ("counters", "contributions") after {@code kept(n)} of its n items. */
        record Point(String write, IntUnaryOperator kept) {
            @Override
            public String toString() {
                return write + " after " + kept.applyAsInt(10) + " of 10";
            }
        }
    }

    private static <T> List<T> first(Collection<T> items, IntUnaryOperator kept) {
        return new ArrayList<>(items).subList(0, kept.applyAsInt(items.size()));
    }

    static final class CrashingCounters extends ProgressCounters {
        private final IntUnaryOperator kept;

        CrashingCounters(MongoDatabase database, IntUnaryOperator kept) {
            super(database, new ProgressAttempts(database));
            this.kept = kept;
        }

        /** Called by {@link #apply} after the batch's offsets were noted, as the real write is. */
        @Override
        public void write(int generation, Map<String, CounterWrites.Write> writes) {
            var written = new LinkedHashMap<String, CounterWrites.Write>();
            first(writes.keySet(), kept).forEach(id -> written.put(id, writes.get(id)));
            super.write(generation, written);
            throw new Crash();
        }
    }

    static final class CrashingContributions extends ActivityContributions {
        private final IntUnaryOperator kept;

        CrashingContributions(MongoDatabase database, IntUnaryOperator kept) {
            super(database);
            this.kept = kept;
        }

        @Override
        public void store(int generation, Collection<Contribution> newer, Set<String> stored) {
            super.store(generation, first(newer, kept), stored);
            throw new Crash();
        }
    }
}
