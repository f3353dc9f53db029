package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;


import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.progress.mongo.ProgressGenerations;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * LATEST indicators (a count reported at a date, such as the number of teams) through the HTTP API, fed by activity
 * events on the real topic: each unit's latest counting report in the period, added up over the subtree.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class LatestProgressIT {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final Instant NOON = Instant.parse("2026-08-19T05:00:00Z");
    static final String ALL = "";

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTreeView units;
    @Autowired
    ProgressProjector projector;
    @Autowired
    MongoDatabase database;
    @Autowired
    ProgressGenerations generations;

    ProgressHarness api;
    TreeEvents tree;
    String program;
    int logged;

    @BeforeEach
    void programAndTree() throws Exception {
        api = new ProgressHarness(mvc);
        tree = new TreeEvents(kafka);
        program = api.program("sessions");
        indicator("{\"code\":\"teams\",\"name\":\"Tổ an ninh\",\"aggregation\":\"LATEST\"}").andExpect(status().isCreated());
        tree.unit("p", null, TreeEvents.LONG_AGO);
        tree.unit("d", "p", TreeEvents.LONG_AGO);
        tree.unit("c1", "d", TreeEvents.LONG_AGO);
        tree.unit("c2", "d", TreeEvents.LONG_AGO);
        eventually(() -> assertThat(units.lineage(tree.id("p"))).hasSize(4));
    }

    @Test
    void theLatestReportWinsByDateNotByArrivalAndATieGoesToTheLaterLogged() throws Exception {
        report("c1", LocalDate.of(2024, 6, 1), Map.of("teams", 12.0), true, NOON);
        report("c1", LocalDate.of(2024, 3, 1), Map.of("teams", 9.0), true, NOON.plusSeconds(3600)); // arrives later
        report("c2", LocalDate.of(2024, 5, 1), Map.of("teams", 4.0), true, NOON.plusSeconds(7200));
        report("c2", LocalDate.of(2024, 5, 1), Map.of("teams", 6.0), true, NOON.plusSeconds(3600)); // logged earlier

        eventually(() -> assertThat(teams("d", ALL)).isEqualTo(16.0));
        assertThat(teams("c1", ALL)).isEqualTo(12.0);
        assertThat(teams("c1", "&from=2024-01-01&to=2024-04-30")).as("the latest within the period").isEqualTo(9.0);
        assertThat(teams("c2", ALL)).isEqualTo(4.0);
        assertThat(teams("p", ALL)).isEqualTo(16.0);
        assertThat(api.actual(program, null, ALL, "teams")).as("the whole program").isEqualTo(16.0);
    }

    @Test
    void aCorrectionReplacesTheFigureAndARejectionOrWithdrawalFallsBackToTheEarlierReport() throws Exception {
        report("c1", LocalDate.of(2024, 1, 10), Map.of("teams", 5.0), true, NOON);
        var b = report("c1", LocalDate.of(2024, 2, 10), Map.of("teams", 8.0), true, NOON);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(8.0));

        b = next(EventTypes.ACTIVITY_CORRECTED, b, Map.of("teams", 11.0), b.status(), true);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(11.0));
        b = next(EventTypes.ACTIVITY_CORRECTED, b, Map.of(), b.status(), true); // withdrawn: corrected to {}
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(5.0));
        next(EventTypes.ACTIVITY_CORRECTED, b, Map.of("teams", 0.0), b.status(), true); // a count of none is a count
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(0.0));

        var joint = report("c1", LocalDate.of(2024, 3, 1), Map.of("teams", 20.0), false, NOON); // awaits confirmation
        var counted = report("c2", LocalDate.of(2024, 3, 1), Map.of("teams", 1.0), true, NOON);
        eventually(() -> assertThat(teams("c2", ALL)).isEqualTo(1.0));
        assertThat(teams("c1", ALL)).as("not counted before its confirmation").isEqualTo(0.0);
        next(EventTypes.ACTIVITY_CONFIRMED, joint, joint.metrics(), "CONFIRMED", true);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(20.0));

        var wrong = report("c1", LocalDate.of(2024, 5, 1), Map.of("teams", 25.0), true, NOON);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(25.0));
        next(EventTypes.ACTIVITY_REJECTED, wrong, wrong.metrics(), "REJECTED", false);
        next(EventTypes.ACTIVITY_REJECTED, counted, counted.metrics(), "REJECTED", false);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(20.0));
        eventually(() -> assertThat(teams("c2", ALL)).isEqualTo(0.0));
        assertThat(teams("d", ALL)).isEqualTo(20.0);
    }

    @Test
    void aSubtreeAddsUpEachUnitsLatestReportInThePeriodAndSumsStaySums() throws Exception {
        report("c1", LocalDate.of(2024, 1, 15), Map.of("teams", 5.0, "sessions", 2.0), true, NOON);
        report("c1", LocalDate.of(2024, 6, 15), Map.of("teams", 7.0, "sessions", 2.0), true, NOON);
        report("c2", LocalDate.of(2024, 2, 15), Map.of("teams", 3.0, "sessions", 2.0), true, NOON);
        report("d", LocalDate.of(2024, 3, 15), Map.of("teams", 1.0, "sessions", 2.0), true, NOON);

        eventually(() -> assertThat(teams("d", ALL)).isEqualTo(11.0));
        assertThat(teams("p", ALL)).isEqualTo(11.0);
        assertThat(teams("c1", ALL)).isEqualTo(7.0);
        assertThat(teams("d", "&from=2024-01-01&to=2024-03-31")).isEqualTo(9.0);
        assertThat(teams("d", "&from=2024-03-15&to=2024-03-15")).as("both bounds inclusive").isEqualTo(1.0);
        assertThat(teams("d", "&from=2024-03-16&to=2024-06-15")).isEqualTo(7.0);
        assertThat(teams("d", "&from=2023-01-01&to=2023-12-31")).isEqualTo(0.0);
        assertThat(api.actual(program, null, ALL, "teams")).isEqualTo(11.0);
        assertThat(api.actual(program, null, ALL, "sessions")).as("a SUM is added up as ever").isEqualTo(8.0);
        assertThat(api.actual(program, null, "&from=2024-01-01&to=2024-02-29", "teams")).isEqualTo(8.0);
    }

    @Test
    void mergedUnitsCountInTheirSuccessorUntilItReportsItself() throws Exception {
        report("c1", LocalDate.of(2024, 6, 1), Map.of("teams", 5.0), true, NOON);
        report("c2", LocalDate.of(2024, 6, 1), Map.of("teams", 3.0), true, NOON);
        tree.unit("n", "d", REFORM);
        tree.merge(REFORM, "n", "c1", "c2");
        eventually(() -> assertThat(units.find(tree.id("c2")).orElseThrow().validTo()).isEqualTo(REFORM));
        eventually(() -> assertThat(teams("n", ALL)).isEqualTo(8.0));
        assertThat(teams("d", ALL)).isEqualTo(8.0);

        report("n", LocalDate.of(2025, 8, 1), Map.of("teams", 10.0), true, NOON);
        eventually(() -> assertThat(teams("n", ALL)).as("the successor's count covers its sources'").isEqualTo(10.0));
        assertThat(teams("d", ALL)).isEqualTo(10.0);
        assertThat(teams("p", ALL)).isEqualTo(10.0);
        assertThat(api.actual(program, null, ALL, "teams")).isEqualTo(10.0);
        assertThat(teams("d", "&from=2024-01-01&to=2024-12-31")).as("before the merge, the sources").isEqualTo(8.0);
        assertThat(teams("c1", ALL)).as("an old commune still answers its own history").isEqualTo(5.0);
    }

    @Test
    void aRatioOfTwoLatestCountsWithItsTargetInProgressExportsAndReviews() throws Exception {
        indicator("{\"code\":\"households\",\"name\":\"Hộ gia đình\",\"aggregation\":\"LATEST\"}").andExpect(status().isCreated());
        indicator("{\"code\":\"recognised\",\"name\":\"Hộ đạt danh hiệu\",\"aggregation\":\"LATEST\"}").andExpect(status().isCreated());
        indicator("{\"code\":\"share\",\"name\":\"Tỉ lệ hộ đạt\",\"aggregation\":\"RATIO\",\"numeratorCode\":\"recognised\","
                + "\"denominatorCode\":\"households\"}").andExpect(status().isCreated());
        target("recognised", "d", 260_000);
        target("share", "d", 0.95);
        // Cần Thơ 2016: the counts at the year's end replace those of mid-year
        report("c1", LocalDate.of(2016, 6, 30), Map.of("households", 130_000.0, "recognised", 120_000.0), true, NOON);
        report("c1", LocalDate.of(2016, 12, 31), Map.of("households", 134_015.0, "recognised", 127_496.0), true, NOON);
        report("c2", LocalDate.of(2016, 12, 31), Map.of("households", 134_016.0, "recognised", 127_495.0), true, NOON);
        String year = "&from=2016-01-01&to=2016-12-31";

        eventually(() -> assertThat(api.actual(program, tree.id("d"), year, "recognised")).isEqualTo(254_991.0));
        String json = api.figures(program, tree.id("d"), year);
        assertThat(first(json, "$.indicators[?(@.code == 'households')].actual")).isEqualByComparingTo("268031");
        assertThat(first(json, "$.indicators[?(@.code == 'share')].actual")).as("254991 / 268031, six decimals")
                .isEqualByComparingTo("0.951349");
        assertThat(first(json, "$.indicators[?(@.code == 'recognised')].target")).isEqualByComparingTo("260000");
        assertThat(first(json, "$.indicators[?(@.code == 'recognised')].ratio")).as("254991 / 260000, half up")
                .isEqualByComparingTo("0.980735");
        assertThat(api.actual(program, tree.id("d"), "&from=2016-01-01&to=2016-06-30", "share")).as("120000 / 130000")
                .isEqualTo(0.923077);

        byte[] csv = mvc.perform(get("/api/v1/programs/" + program + "/progress").param("unitId", tree.id("d"))
                        .param("from", "2016-01-01").param("to", "2016-12-31").accept("text/csv").with(Callers.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines())
                .contains("households,Hộ gia đình,268031,,")
                .anySatisfy(line -> assertThat(line).startsWith("recognised,Hộ đạt danh hiệu,254991,260000,0.98"));

        mvc.perform(post("/api/v1/programs/" + program + "/reviews").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"ANNUAL\",\"unitId\":\"" + tree.id("d") + "\",\"periodStart\":\"2016-01-01\","
                                + "\"periodEnd\":\"2016-12-31\",\"title\":\"Tổng kết năm 2016\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.progress.indicators[?(@.code == 'recognised')].actual").value(254_991));
    }

    @Test
    void redeliveryReplayAndStaleVersionsChangeNothing() throws Exception {
        report("c1", LocalDate.of(2024, 1, 1), Map.of("teams", 2.0), true, NOON);
        var a = report("c1", LocalDate.of(2024, 2, 1), Map.of("teams", 5.0), true, NOON);
        var a2 = next(EventTypes.ACTIVITY_CORRECTED, a, Map.of("teams", 9.0), a.status(), true);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(9.0));
        List<ConsumerRecord<String, String>> records = TopicProbe.byKey(Topics.ACTIVITIES, a.activityId(), 2);

        int generation = generations.load().current();
        projector.apply(records.get(0), generation); // redelivered after the commit was lost
        database.getCollection("processed_events").deleteMany(new org.bson.Document());
        projector.apply(records.get(0), generation); // redelivered after a crash before the processed marks
        assertThat(teams("c1", ALL)).isEqualTo(9.0);

        next(EventTypes.ACTIVITY_REJECTED, a2, a2.metrics(), "REJECTED", false);
        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(2.0));
        database.getCollection("processed_events").deleteMany(new org.bson.Document());
        for (var r : records) { // the older versions published again by a relay, at later offsets
            projector.apply(ActivityPublisher.again(r, r.offset() + 1_000), generation);
        }
        for (var replayed : TopicProbe.read(Topics.ACTIVITIES, rs -> rs.size() >= 1)) {
            try {
                projector.apply(replayed, generation); // the whole topic replayed into the same model
            } catch (MalformedEventException deadLettered) {
                // other tests' events the live consumer dead-lettered too
            }
        }
        assertThat(teams("c1", ALL)).isEqualTo(2.0);
        assertThat(teams("d", ALL)).isEqualTo(2.0);
    }

    @Test
    void aRebuildGivesTheSameFigures() throws Exception {
        report("c1", LocalDate.of(2024, 1, 1), Map.of("teams", 2.0), true, NOON);
        var a = report("c1", LocalDate.of(2024, 2, 1), Map.of("teams", 5.0), true, NOON);
        next(EventTypes.ACTIVITY_CORRECTED, a, Map.of("teams", 6.0), a.status(), true);
        var b = report("c2", LocalDate.of(2024, 3, 1), Map.of("teams", 4.0), true, NOON);
        report("c2", LocalDate.of(2024, 1, 1), Map.of("teams", 3.0), true, NOON);
        next(EventTypes.ACTIVITY_REJECTED, b, b.metrics(), "REJECTED", false);
        report("d", LocalDate.of(2024, 2, 1), Map.of("teams", 1.0), true, NOON);
        eventually(() -> assertThat(teams("d", ALL)).isEqualTo(10.0));
        var ranges = List.of(ALL, "&from=2024-01-01&to=2024-01-31", "&from=2024-02-01&to=2024-12-31");
        var before = new LinkedHashMap<List<String>, String>();
        for (String unit : List.of("p", "d", "c1", "c2")) {
            for (String range : ranges) {
                before.put(List.of(unit, range), api.figures(program, tree.id(unit), range));
            }
        }
        int current = generations.load().current();

        mvc.perform(post(ProgressRebuildIT.REBUILD).with(Callers.admin())).andExpect(status().isAccepted());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                mvc.perform(get(ProgressRebuildIT.REBUILD).with(Callers.admin())).andExpect(jsonPath("$.state").value("DONE")));
        assertThat(generations.load().current()).isEqualTo(current + 1);
        for (var figures : before.entrySet()) {
            String unit = figures.getKey().get(0);
            String range = figures.getKey().get(1);
            assertThat(api.figures(program, tree.id(unit), range)).as(unit + range).isEqualTo(figures.getValue());
        }
        assertThat(teams("d", ALL)).isEqualTo(10.0);
    }

    @Test
    void badLatestIndicatorsAreProblemsAndLeaveTheProgramAsItWas() throws Exception {
        indicator("{\"code\":\"x\",\"name\":\"x\",\"aggregation\":\"LATEST\",\"numeratorCode\":\"teams\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("numeratorCode"));
        indicator("{\"code\":\"x\",\"name\":\"x\",\"aggregation\":\"LATEST\",\"denominatorCode\":\"teams\"}")
                .andExpect(status().isBadRequest());
        indicator("{\"code\":\"x\",\"name\":\"x\",\"aggregation\":\"LAST\"}").andExpect(status().isBadRequest());
        indicator("{\"code\":\"teams\",\"name\":\"again\",\"aggregation\":\"LATEST\"}").andExpect(status().isConflict());
        indicator("{\"code\":\"r\",\"name\":\"r\",\"aggregation\":\"RATIO\",\"numeratorCode\":\"teams\",\"denominatorCode\":\"nope\"}")
                .andExpect(status().isUnprocessableContent());
        mvc.perform(get("/api/v1/programs/" + program).with(Callers.admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.indicators[*].code").value(org.hamcrest.Matchers.contains("sessions", "teams")))
                .andExpect(jsonPath("$.indicators[1].aggregation").value("LATEST"));
    }

    @Test
    void aLatestFigureThatCannotBeAppliedIsDeadLetteredAndTheNextIsApplied() throws Exception {
        var bad = new ActivityState("not.a-plain-id", 1, program, tree.id("c1"), List.of(), List.of(), "MEETING",
                LocalDate.of(2024, 1, 1), TestFigures.of(Map.of("teams", 3.0)), "SUBMITTED", true);
        publish(EventTypes.ACTIVITY_SUBMITTED, bad, NOON);
        var negative = new ActivityState(UUID.randomUUID().toString(), 1, program, tree.id("c1"), List.of(), List.of(),
                "MEETING", LocalDate.of(2024, 1, 1), TestFigures.of(Map.of("teams", -3.0)), "SUBMITTED", true);
        publish(EventTypes.ACTIVITY_SUBMITTED, negative, NOON);
        report("c1", LocalDate.of(2024, 1, 2), Map.of("teams", 4.0), true, NOON);

        eventually(() -> assertThat(teams("c1", ALL)).isEqualTo(4.0));
        assertThat(reason("not.a-plain-id")).contains("activityId must match");
        assertThat(reason(negative.activityId())).contains("metric teams must be a number from 0 to 1000000000");
    }

    private String reason(String key) {
        var dead = TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), key, 1);
        return new String(dead.get(0).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(), StandardCharsets.UTF_8);
    }

    private ResultActions indicator(String json) throws Exception {
        return mvc.perform(post("/api/v1/programs/" + program + "/indicators").with(Callers.admin())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private void target(String indicator, String unit, double value) throws Exception {
        mvc.perform(post("/api/v1/programs/" + program + "/targets").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"indicatorCode\":\"" + indicator + "\",\"unitId\":\"" + tree.id(unit) + "\",\"periodStart\":"
                        + "\"2016-01-01\",\"periodEnd\":\"2016-12-31\",\"value\":" + value + "}"))
                .andExpect(status().isCreated());
    }

    /** Submits an activity of {@code unit} reporting {@code metrics} at {@code on}, logged at {@code at}. */
    private ActivityState report(String unit, LocalDate on, Map<String, ? extends Number> metrics, boolean counts,
            Instant at) throws Exception {
        var state = new ActivityState(UUID.randomUUID().toString(), 1, program, tree.id(unit), List.of(),
                counts ? List.of() : List.of("u-mttq"), "MEETING", on, TestFigures.of(metrics),
                counts ? "SUBMITTED" : "AWAITING_CONFIRMATION", counts);
        publish(EventTypes.ACTIVITY_SUBMITTED, state, at);
        return state;
    }

    /** The activity's next version, logged a minute after the last. */
    private ActivityState next(EventType<ActivityState> type, ActivityState s, Map<String, ? extends Number> metrics,
            String status, boolean counts) throws Exception {
        var state = new ActivityState(s.activityId(), s.revision() + 1, s.programId(), s.unitId(), s.ancestorIds(),
                s.coUnitIds(), s.type(), s.occurredOn(), TestFigures.of(metrics), status, counts, s.version() + 1, "Sửa số liệu");
        publish(type, state, NOON.plusSeconds(60L * ++logged));
        return state;
    }

    private void publish(EventType<ActivityState> type, ActivityState state, Instant at) throws Exception {
        var codec = new EventCodec("/unit-service", Clock.fixed(at, ZoneOffset.UTC));
        kafka.send(Topics.ACTIVITIES, state.activityId(), EventCodec.encode(codec.create(type, state.activityId(),
                state.activityId(), state.programId(), List.of(state.unitId()), state))).get();
    }

    /** The first number a path finds, as the exact decimal the JSON holds. */
    private static java.math.BigDecimal first(String json, String path) {
        List<Object> found = JsonPath.read(json, path);
        return new java.math.BigDecimal(found.get(0).toString());
    }

    private Double teams(String unit, String range) throws Exception {
        return api.actual(program, tree.id(unit), range, "teams");
    }

    private static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(assertion);
    }
}
