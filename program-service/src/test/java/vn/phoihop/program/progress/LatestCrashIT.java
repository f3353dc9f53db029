package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.program.ProgramCatalog;
import vn.phoihop.program.progress.latest.LatestFigures;
import vn.phoihop.program.progress.latest.LatestProjection;
import vn.phoihop.program.progress.mongo.ProgressAttempts;
import vn.phoihop.program.progress.latest.ReportChange;
import vn.phoihop.program.progress.latest.Reporting;
import vn.phoihop.program.progress.latest.mongo.LatestReports;
import vn.phoihop.program.progress.mongo.ActivityContributions;
import vn.phoihop.program.progress.mongo.ProgressCounters;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * A crash inside or after either write of the latest-value model, followed by the redelivery Kafka makes after it in
 * batches cut differently, ends with the figures of a run without crashes. Records are built here and applied to
 * generations of their own, so the crash can be placed exactly; the MongoDB writes are the real ones.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class LatestCrashIT {

    static final AtomicInteger GENERATIONS = new AtomicInteger(700_000 + (int) (Math.random() * 90_000));
    static final List<List<Integer>> BATCHINGS = List.of(List.of(10), List.of(4, 6), List.of(3, 3, 4));
    static final List<Point> POINTS = List.of(new Point("reports", n -> 0), new Point("reports", n -> n / 2),
            new Point("reports", n -> n), new Point("reporting", n -> n / 2), new Point("reporting", n -> n));
    static final List<String> UNITS = List.of("c1", "c2");
    static final List<LocalDate[]> RANGES = List.of(new LocalDate[] {null, null},
            new LocalDate[] {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31)},
            new LocalDate[] {LocalDate.of(2024, 4, 1), LocalDate.of(2024, 12, 31)});

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;
    @Autowired
    ProgressAnnouncer announcer;
    @Autowired
    ActivityEvents events;
    @Autowired
    ProgramCatalog programs;
    @Autowired
    LatestFigures figures;

    String program;
    final List<ConsumerRecord<String, String>> records = new ArrayList<>();

    @BeforeEach
    void programAndRecords() throws Exception {
        program = new ProgressHarness(mvc).program("sessions");
        mvc.perform(post("/api/v1/programs/" + program + "/indicators").with(Callers.admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"teams\",\"name\":\"Tổ an ninh\",\"aggregation\":\"LATEST\"}"))
                .andExpect(status().isCreated());
        var a = state("a", "c1", LocalDate.of(2024, 2, 1), Map.of("teams", 5.0, "sessions", 1.0), true);
        var b = state("b", "c1", LocalDate.of(2024, 6, 1), Map.of("teams", 8.0), true);
        var c = state("c", "c2", LocalDate.of(2024, 3, 1), Map.of("teams", 4.0), false);
        var d = state("d", "c2", LocalDate.of(2024, 1, 1), Map.of("teams", 2.0), true);
        add(EventTypes.ACTIVITY_SUBMITTED, a);
        add(EventTypes.ACTIVITY_SUBMITTED, b);
        add(EventTypes.ACTIVITY_SUBMITTED, c);
        a = next(EventTypes.ACTIVITY_CORRECTED, a, Map.of("teams", 6.0), true);
        add(EventTypes.ACTIVITY_SUBMITTED, d);
        b = next(EventTypes.ACTIVITY_REJECTED, b, b.metrics(), false);
        c = next(EventTypes.ACTIVITY_CONFIRMED, c, c.metrics(), true);
        a = next(EventTypes.ACTIVITY_CORRECTED, a, Map.of(), true);
        c = next(EventTypes.ACTIVITY_CORRECTED, c, Map.of("teams", 5.0), true);
        next(EventTypes.ACTIVITY_CORRECTED, a, Map.of("teams", 3.0), true);
        assertThat(records).hasSize(10);
    }

    @Test
    void aCrashAnywhereInTheLatestWritesThenRedeliveryEndsWithTheFiguresOfARunWithoutCrashes() {
        int clean = GENERATIONS.incrementAndGet();
        projector(null).apply(records, clean, LatestCrashIT::unexpected);
        var expected = figures(clean);
        assertThat(expected.get("c1 null..null")).isEqualByComparingTo("3");
        assertThat(expected.get("c2 null..null")).isEqualByComparingTo("5");
        assertThat(expected.get("* 2024-01-01..2024-03-31")).isEqualByComparingTo("8");

        for (var batching : BATCHINGS) {
            for (var point : POINTS) {
                for (int crashed = 0; crashed < batching.size(); crashed++) {
                    int generation = GENERATIONS.incrementAndGet();
                    crashThenRedeliver(generation, batching, crashed, point, true);
                    assertThat(figures(generation)).as(batching + " " + point + " in batch " + crashed + ", one by one")
                            .isEqualTo(expected);
                    generation = GENERATIONS.incrementAndGet();
                    crashThenRedeliver(generation, batching, crashed, point, false);
                    assertThat(figures(generation)).as(batching + " " + point + " in batch " + crashed + ", in one batch")
                            .isEqualTo(expected);
                }
            }
        }
    }

    private void crashThenRedeliver(int generation, List<Integer> batching, int crashed, Point point, boolean oneByOne) {
        int from = 0;
        for (int i = 0; i < crashed; i++) {
            projector(null).apply(records.subList(from, from + batching.get(i)), generation, LatestCrashIT::unexpected);
            from += batching.get(i);
        }
        try {
            projector(point).apply(records.subList(from, from + batching.get(crashed)), generation, LatestCrashIT::unexpected);
        } catch (Crash expected) {
            // the process died here; Kafka delivers again from the last committed offset
        }
        var rest = records.subList(from, records.size());
        if (oneByOne) {
            rest.forEach(r -> projector(null).apply(List.of(r), generation, LatestCrashIT::unexpected));
        } else {
            projector(null).apply(rest, generation, LatestCrashIT::unexpected);
        }
    }

    private Map<String, java.math.BigDecimal> figures(int generation) {
        var found = new LinkedHashMap<String, java.math.BigDecimal>();
        var p = programs.find(program).orElseThrow();
        for (LocalDate[] range : RANGES) {
            for (String unit : UNITS) {
                found.put(unit + " " + range[0] + ".." + range[1], figures.of(p, unit, range[0], range[1], generation).get("teams"));
            }
            found.put("* " + range[0] + ".." + range[1], figures.of(p, null, range[0], range[1], generation).get("teams"));
        }
        return found;
    }

    private ProgressProjector projector(Point point) {
        var reports = point == null ? new LatestReports(database) : new CrashingReports(database, point);
        return new ProgressProjector(events, new ProgressCounters(database, new ProgressAttempts(database)),
                new ActivityContributions(database), new LatestProjection(reports), announcer);
    }

    private static void unexpected(ConsumerRecord<String, String> r, RuntimeException e) {
        throw new AssertionError("record " + r.offset() + " unusable", e);
    }

    private ActivityState state(String name, String unit, LocalDate on, Map<String, ? extends Number> metrics, boolean counts) {
        return new ActivityState(name + "-" + program, 1, program, unit, List.of("d"), counts ? List.of() : List.of("u-mttq"),
                "MEETING", on, TestFigures.of(metrics), counts ? "SUBMITTED" : "AWAITING_CONFIRMATION", counts);
    }

    private ActivityState next(EventType<ActivityState> type, ActivityState s, Map<String, ? extends Number> metrics,
            boolean counts) {
        var state = new ActivityState(s.activityId(), s.revision() + 1, s.programId(), s.unitId(), s.ancestorIds(),
                s.coUnitIds(), s.type(), s.occurredOn(), TestFigures.of(metrics), counts ? "CONFIRMED" : "REJECTED", counts,
                s.version() + 1, "Sửa số liệu");
        add(type, state);
        return state;
    }

    private void add(EventType<ActivityState> type, ActivityState s) {
        var codec = new EventCodec("/unit-service", Clock.fixed(Instant.parse("2026-08-19T05:00:00Z")
                .plusSeconds(records.size()), ZoneOffset.UTC));
        records.add(new ConsumerRecord<>(Topics.ACTIVITIES, 0, records.size(), s.activityId(), EventCodec.encode(
                codec.create(type, s.activityId(), s.activityId(), s.programId(), List.of("d", s.unitId()), s))));
    }

    /** Crash in {@code write} ("reports", "reporting") after {@code kept(n)} of its n items. */
    record Point(String write, IntUnaryOperator kept) {
        @Override
        public String toString() {
            return write + " after " + kept.applyAsInt(10) + " of 10";
        }
    }

    static final class Crash extends RuntimeException {
    }

    static final class CrashingReports extends LatestReports {
        private final Point point;

        CrashingReports(MongoDatabase database, Point point) {
            super(database);
            this.point = point;
        }

        @Override
        public void write(int generation, List<ReportChange> changes) {
            if (point.write().equals("reports")) {
                super.write(generation, first(changes));
                throw new Crash();
            }
            super.write(generation, changes);
        }

        @Override
        public void storeReporting(int generation, Collection<Reporting> newer, Set<String> stored) {
            super.storeReporting(generation, first(newer), stored);
            throw new Crash();
        }

        private <T> List<T> first(Collection<T> items) {
            return new ArrayList<>(items).subList(0, point.kept().applyAsInt(items.size()));
        }
    }
}
