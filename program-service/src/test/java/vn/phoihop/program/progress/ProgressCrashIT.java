package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.platform.inbox.ProcessedEvents;
import vn.phoihop.program.progress.mongo.ActivityContributions;
import vn.phoihop.program.progress.mongo.ProgressCounters;
import vn.phoihop.program.progress.mongo.ProgressGenerations;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * A crash between any two writes of the projector, followed by the redelivery Kafka makes after it, ends with the
 * same counters as a run without crashes. The records are built here and applied to generations of their own, so the
 * crash can be placed exactly; the MongoDB writes are the real ones.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressCrashIT {

    static final AtomicInteger GENERATIONS = new AtomicInteger(800_000 + (int) (Math.random() * 90_000));

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;
    @Autowired
    ActivityEvents events;
    @Autowired
    ProgressGenerations generations;

    String program;
    List<ConsumerRecord<String, String>> records;

    @BeforeEach
    void lifeOfTwoActivities() throws Exception {
        program = new ProgressHarness(mvc).program("sessions", "attendees");
        var a = state("u-ninh-kieu", Map.of("sessions", 3.0, "attendees", 100.0), false);
        var b = state("u-cai-rang", Map.of("sessions", 1.0, "attendees", 40.0), true);
        var a2 = ActivityPublisher.corrected(a, Map.of("sessions", 4.0, "attendees", 90.0));
        var b2 = ActivityPublisher.decided(b, true);
        var b3 = ActivityPublisher.corrected(b2, Map.of("sessions", 2.0, "attendees", 55.5));
        records = records(List.of(a, b, a2, b2, ActivityPublisher.decided(a2, false), b3), List.of(
                EventTypes.ACTIVITY_SUBMITTED, EventTypes.ACTIVITY_SUBMITTED, EventTypes.ACTIVITY_CORRECTED,
                EventTypes.ACTIVITY_CONFIRMED, EventTypes.ACTIVITY_REJECTED, EventTypes.ACTIVITY_CORRECTED));
    }

    @Test
    void aCrashBetweenAnyTwoWritesThenRedeliveryEndsWithTheSameCounters() {
        int reference = GENERATIONS.incrementAndGet();
        records.forEach(r -> projector(new ProgressCounters(database), new ActivityContributions(database),
                new ProcessedEvents(database)).apply(r, reference));
        var expected = new ReadModelProbe(database, generations).counters(reference, program);
        assertThat(expected).containsEntry(CounterIds.of(program, "attendees", "*", "2019"), new BigDecimal("55.5"))
                .containsEntry(CounterIds.of(program, "sessions", "u-can-tho", "2019-09-01"), new BigDecimal("2"))
                .noneSatisfy((id, value) -> assertThat(id).contains("u-ninh-kieu"));

        int crashes = 0;
        for (int crashed = 0; crashed < records.size(); crashed++) {
            for (int point = 0; point < 5; point++) {
                int generation = GENERATIONS.incrementAndGet();
                crashes += replayWithCrash(generation, crashed, point) ? 1 : 0;
                assertThat(new ReadModelProbe(database, generations).counters(generation, program))
                        .as("crash at point %d of record %d", point, crashed).isEqualTo(expected);
            }
        }
        assertThat(crashes).as("crashes that happened").isEqualTo(records.size() * 5);
    }

    /**
     * Applies every record, crashing once in record {@code crashed}: point 0–2 inside the counter bulk (none, half or
     * all but one applied), 3 after the counters, 4 after the contribution. Then Kafka redelivers that record, the rest
     * follows, and the relay's duplicate of the crashed record arrives at a later offset.
     */
    private boolean replayWithCrash(int generation, int crashed, int point) {
        var sound = projector(new ProgressCounters(database), new ActivityContributions(database), new ProcessedEvents(database));
        boolean happened = false;
        for (int i = 0; i < records.size(); i++) {
            if (i == crashed) {
                var crashing = point < 3 ? projector(new CrashingCounters(database, point), new ActivityContributions(database),
                        new ProcessedEvents(database))
                        : projector(new ProgressCounters(database), point == 3 ? new CrashingContributions(database)
                                : new ActivityContributions(database), point == 4 ? new CrashingProcessed(database)
                                : new ProcessedEvents(database));
                try {
                    crashing.apply(records.get(i), generation);
                } catch (Crash expected) {
                    happened = true;
                }
            }
            sound.apply(records.get(i), generation);
        }
        sound.apply(ActivityPublisher.again(records.get(crashed), records.size() + 10), generation);
        return happened;
    }

    private ProgressProjector projector(ProgressCounters counters, ActivityContributions contributions,
            ProcessedEvents processed) {
        return new ProgressProjector(events, counters, contributions, processed);
    }

    private ActivityState state(String commune, Map<String, Double> metrics, boolean joint) {
        String id = java.util.UUID.randomUUID().toString();
        return new ActivityState(id, 1, program, commune, List.of("u-can-tho"), joint ? List.of("u-mttq") : List.of(),
                "PROPAGANDA_SESSION", joint ? LocalDate.of(2019, 9, 1) : LocalDate.of(2019, 8, 19), metrics,
                joint ? "AWAITING_CONFIRMATION" : "SUBMITTED", !joint);
    }

    private static List<ConsumerRecord<String, String>> records(List<ActivityState> states,
            List<EventType<ActivityState>> types) {
        var codec = new EventCodec("/unit-service", Clock.systemUTC());
        var records = new ArrayList<ConsumerRecord<String, String>>();
        for (int i = 0; i < states.size(); i++) {
            var s = states.get(i);
            var event = codec.create(types.get(i), s.activityId(), s.activityId(), s.programId(),
                    List.of("u-can-tho", s.unitId()), s);
            records.add(new ConsumerRecord<>(Topics.ACTIVITIES, 0, i, s.activityId(), EventCodec.encode(event)));
        }
        return records;
    }

    static final class Crash extends RuntimeException {
    }

    /** Writes only part of the counters' bulk, as a crash in the middle of it may leave them. */
    static final class CrashingCounters extends ProgressCounters {
        private final int part;

        CrashingCounters(MongoDatabase database, int part) {
            super(database);
            this.part = part;
        }

        @Override
        public void add(int generation, Map<String, BigDecimal> amounts, String partition, long offset) {
            var applied = new LinkedHashMap<String, BigDecimal>();
            int keep = part == 0 ? 0 : part == 1 ? amounts.size() / 2 : Math.max(0, amounts.size() - 1);
            amounts.entrySet().stream().limit(keep).forEach(e -> applied.put(e.getKey(), e.getValue()));
            super.add(generation, applied, partition, offset);
            throw new Crash();
        }
    }

    static final class CrashingContributions extends ActivityContributions {
        CrashingContributions(MongoDatabase database) {
            super(database);
        }

        @Override
        public void store(int generation, Contribution contribution) {
            throw new Crash();
        }
    }

    static final class CrashingProcessed extends ProcessedEvents {
        CrashingProcessed(MongoDatabase database) {
            super(database);
        }

        @Override
        public void add(String consumer, String eventId) {
            throw new Crash();
        }
    }
}
