package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.awaitility.core.ThrowingRunnable;
import vn.phoihop.events.Topics;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** Progress of units whose tree changed by merges after the activities were logged: each activity counted once. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressRollUpIT {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final String ALL = "";

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTreeView units;

    ProgressHarness api;
    TreeEvents tree;
    String program;

    @BeforeEach
    void programAndTree() throws Exception {
        api = new ProgressHarness(mvc);
        tree = new TreeEvents(kafka);
        program = api.program("sessions");
    }

    @Test
    void threeCommunesMergedIntoOneAddUpInTheNewCommuneOnceHoweverOftenTheMergeIsRead() throws Exception {
        tree.unit("p", null, TreeEvents.LONG_AGO);
        tree.unit("d", "p", TreeEvents.LONG_AGO);
        for (String commune : List.of("c1", "c2", "c3")) {
            tree.unit(commune, "d", TreeEvents.LONG_AGO);
        }
        log("d", 2019, 11);
        log("c1", 2019, 3);
        log("c2", 2020, 5);
        log("c3", 2021, 7);
        eventually(() -> assertThat(sessions("p")).isEqualTo(26.0));

        tree.merge(REFORM, "n", "c1", "c2", "c3"); // before the new commune's creation, as may happen
        tree.unit("n", "p", REFORM);
        eventually(() -> assertThat(sessions("n")).isEqualTo(15.0));
        assertThat(api.actual(program, tree.id("n"), "&from=2019-01-01&to=2020-12-31", "sessions")).isEqualTo(8.0);
        assertThat(sessions("c2")).as("an old commune still answers its own history").isEqualTo(5.0);
        assertThat(sessions("d")).isEqualTo(26.0);
        assertThat(sessions("p")).isEqualTo(26.0);

        log("n", 2025, 2);
        eventually(() -> assertThat(sessions("n")).isEqualTo(17.0));
        assertThat(sessions("p")).isEqualTo(28.0);

        tree.merge(REFORM, "n", "c1", "c2", "c3"); // the merge delivered again, then a mark behind it on each key
        for (String commune : List.of("c1", "c2", "c3")) {
            tree.rename(commune, "Xã " + commune + " (cũ)");
        }
        eventually(() -> assertThat(List.of("c1", "c2", "c3")).allSatisfy(c ->
                assertThat(units.find(tree.id(c)).orElseThrow().name()).isEqualTo("Xã " + c + " (cũ)")));
        assertThat(sessions("n")).isEqualTo(17.0);
    }

    @Test
    void aReviewOfAProvinceReportsTheSameTotalsAfterItsCommunesWereMerged() throws Exception {
        tree.unit("p", null, TreeEvents.LONG_AGO);
        for (String commune : List.of("c1", "c2", "c3", "c4")) {
            tree.unit(commune, "p", TreeEvents.LONG_AGO);
        }
        log("p", 2023, 100);
        log("c1", 2023, 1);
        log("c2", 2024, 2);
        log("c3", 2024, 4);
        log("c4", 2024, 8);
        eventually(() -> {
            assertThat(sessions("p")).isEqualTo(115.0);
            assertThat(units.find(tree.id("p"))).as("a review needs the unit known").isPresent();
        });
        String before = review("p", "2024-01-01", "2024-12-31");
        String wholeBefore = review("p", "2013-01-01", "2033-12-31");
        assertThat(actual(before)).isEqualTo(14.0);

        tree.unit("n1", "p", REFORM);
        tree.unit("n2", "p", REFORM);
        tree.merge(REFORM, "n1", "c1", "c2");
        tree.merge(REFORM, "n2", "c3", "c4");
        eventually(() -> {
            assertThat(sessions("n1")).isEqualTo(3.0);
            assertThat(sessions("n2")).isEqualTo(12.0);
        });

        assertThat(actual(review("p", "2024-01-01", "2024-12-31"))).isEqualTo(actual(before));
        assertThat(actual(review("p", "2013-01-01", "2033-12-31"))).isEqualTo(actual(wholeBefore)).isEqualTo(115.0);
    }

    @Test
    void oldDistrictsAndTheirOldCommunesMergedIntoANewProvincesUnitsCountEachActivityOnce() throws Exception {
        tree.unit("a", null, TreeEvents.LONG_AGO);
        tree.unit("d1", "a", TreeEvents.LONG_AGO);
        tree.unit("a1", "d1", TreeEvents.LONG_AGO);
        tree.unit("a2", "d1", TreeEvents.LONG_AGO);
        tree.unit("d2", "a", TreeEvents.LONG_AGO);
        tree.unit("a3", "d2", TreeEvents.LONG_AGO);
        tree.unit("b", null, TreeEvents.LONG_AGO);
        tree.unit("b1", "b", TreeEvents.LONG_AGO);
        Map.of("a", 1000, "d1", 100, "a1", 1, "a2", 2, "d2", 200, "a3", 4, "b", 10_000, "b1", 8)
                .forEach((unit, n) -> log(unit, 2024, n));
        eventually(() -> assertThat(api.actual(program, null, ALL, "sessions")).isEqualTo(11_315.0));

        tree.unit("p", null, REFORM);
        tree.unit("n1", "p", REFORM);
        tree.unit("n2", "p", REFORM);
        tree.merge(REFORM, "n1", "a1", "a2", "b1");
        tree.merge(REFORM, "n2", "a3");
        tree.merge(REFORM, "p", "d1", "d2");

        eventually(() -> assertThat(sessions("p")).as("d1, d2 with their communes, and b1").isEqualTo(315.0));
        assertThat(sessions("n1")).isEqualTo(11.0);
        assertThat(sessions("n2")).isEqualTo(4.0);
        assertThat(sessions("a")).as("the old province keeps its history").isEqualTo(1307.0);
        assertThat(sessions("b")).isEqualTo(10_008.0);
        assertThat(api.actual(program, null, ALL, "sessions")).isEqualTo(11_315.0);
    }

    @Test
    void aChainOfTwoMergesRollsUpIntoTheLastSuccessor() throws Exception {
        tree.unit("q", null, TreeEvents.LONG_AGO);
        tree.unit("x", "q", TreeEvents.LONG_AGO);
        tree.unit("y", "q", TreeEvents.LONG_AGO);
        tree.unit("z", "q", TreeEvents.LONG_AGO);
        log("x", 2018, 1);
        log("y", 2019, 2);
        tree.unit("m", "q", LocalDate.of(2020, 1, 1));
        tree.merge(LocalDate.of(2020, 1, 1), "m", "x", "y");
        log("m", 2021, 4);
        log("z", 2022, 8);
        tree.unit("r", null, REFORM);
        tree.unit("n", "r", REFORM);
        tree.merge(REFORM, "n", "m", "z");
        log("n", 2025, 16);

        eventually(() -> assertThat(sessions("n")).isEqualTo(31.0));
        assertThat(sessions("r")).isEqualTo(31.0);
        assertThat(sessions("m")).as("the middle of the chain answers its own and its sources'").isEqualTo(7.0);
        assertThat(sessions("q")).as("the old province: all logged under it").isEqualTo(15.0);
        assertThat(sessions("x")).isEqualTo(1.0);
    }

    @Test
    void aMergeWithoutTargetIsDeadLetteredAndTheNextEventOfTheUnitIsRead() throws Exception {
        tree.unit("c", null, TreeEvents.LONG_AGO);
        String bad = "{\"specversion\":\"1.0\",\"id\":\"bad-" + tree.id("c") + "\",\"source\":\"/unit-service\","
                + "\"type\":\"unit.merged.v1\",\"unitid\":\"" + tree.id("c") + "\",\"data\":{\"unitId\":\"" + tree.id("c")
                + "\",\"sourceIds\":[\"" + tree.id("c") + "\"],\"effectiveDate\":\"2025-07-01\"}}";
        tree.sendRaw("c", bad);
        tree.rename("c", "Xã Mới");

        eventually(() -> assertThat(units.find(tree.id("c")).orElseThrow().name()).isEqualTo("Xã Mới"));
        assertThat(units.find(tree.id("c")).orElseThrow().validTo()).isNull();
        var dead = TopicProbe.byKey(Topics.deadLetter(Topics.UNITS), tree.id("c"), 1);
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                StandardCharsets.UTF_8)).contains("targetId");
    }

    private void log(String unit, int year, int sessions) {
        try {
            tree.activity(program, unit, LocalDate.of(year, 6, 15), Map.of("sessions", (double) sessions));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double sessions(String unit) throws Exception {
        return api.actual(program, tree.id(unit), ALL, "sessions");
    }

    /** POST …/reviews of {@code unit} over a period; answers the frozen document. */
    private String review(String unit, String from, String to) throws Exception {
        return mvc.perform(post("/api/v1/programs/" + program + "/reviews").with(Callers.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"INTERIM\",\"unitId\":\"" + tree.id(unit) + "\",\"periodStart\":\"" + from
                                + "\",\"periodEnd\":\"" + to + "\",\"title\":\"Sơ kết\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    private static double actual(String review) {
        return ((Number) JsonPath.read(review, "$.progress.indicators[0].actual")).doubleValue();
    }

    private static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(assertion);
    }
}
