package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * The batch progress answers ({@code …/progress/children}, {@code …/progress/series}) against the single one, on a
 * tree whose communes were merged after their activities were logged: every figure equal to the single answer's, the
 * same scope refusals, and clear problems for bad input.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressBatchIT {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTreeView units;

    ProgressHarness api;
    TreeEvents tree;
    String program;

    /** p ⊃ d1 ⊃ c1, c2, c3 and p ⊃ d2 ⊃ c4; c1 and c2 merged into n (under d1) on 01/07/2025. */
    @BeforeEach
    void aMergedTreeWithFigures() throws Exception {
        api = new ProgressHarness(mvc);
        tree = new TreeEvents(kafka);
        program = api.program("sessions", "visits");
        indicator("{\"code\":\"teams\",\"name\":\"Tổ an ninh\",\"aggregation\":\"LATEST\"}");
        indicator("{\"code\":\"perSession\",\"name\":\"Lượt mỗi buổi\",\"aggregation\":\"RATIO\",\"numeratorCode\":\"visits\","
                + "\"denominatorCode\":\"sessions\"}");
        tree.unit("p", null, TreeEvents.LONG_AGO);
        tree.unit("d1", "p", TreeEvents.LONG_AGO);
        tree.unit("d2", "p", TreeEvents.LONG_AGO);
        for (String commune : List.of("c1", "c2", "c3")) {
            tree.unit(commune, "d1", TreeEvents.LONG_AGO);
        }
        tree.unit("c4", "d2", TreeEvents.LONG_AGO);
        log("c1", LocalDate.of(2024, 3, 5), 2, 40, 3);
        log("c2", LocalDate.of(2024, 3, 20), 3, 90, 5);
        log("c2", LocalDate.of(2025, 1, 31), 1, 10, 6);
        log("c3", LocalDate.of(2024, 12, 1), 4, 100, 2);
        log("c4", LocalDate.of(2025, 2, 1), 8, 1000, 7);
        log("d1", LocalDate.of(2025, 5, 9), 16, 160, 1);
        tree.unit("n", "d1", REFORM);
        tree.merge(REFORM, "n", "c1", "c2");
        log("n", LocalDate.of(2025, 9, 2), 32, 320, 9);
        eventually(() -> {
            assertThat(api.actual(program, tree.id("p"), "", "sessions")).isEqualTo(66.0);
            assertThat(units.children(tree.id("d1"))).extracting(u -> u.unitId()).containsExactlyInAnyOrder(
                    tree.id("c3"), tree.id("n"));
            assertThat(api.actual(program, tree.id("n"), "", "sessions")).isEqualTo(38.0);
        });
    }

    @Test
    void eachChildsFiguresAreThoseOfTheSingleAnswer() throws Exception {
        for (String range : List.of("", "&from=2024-01-01&to=2024-12-31", "&from=2024-03-10&to=2025-09-02",
                "&from=2026-01-01&to=2026-03-31")) {
            for (String parent : List.of("p", "d1", "d2", "n")) {
                String json = ok("/progress/children?unitId=" + tree.id(parent) + range, Callers.admin());
                List<String> children = JsonPath.read(json, "$.children[*].unitId");
                assertThat(children).as("today's children of " + parent).containsExactlyInAnyOrderElementsOf(switch (parent) {
                    case "p" -> List.of(tree.id("d1"), tree.id("d2"));
                    case "d1" -> List.of(tree.id("c3"), tree.id("n"));
                    case "d2" -> List.of(tree.id("c4"));
                    default -> List.of();
                });
                for (int i = 0; i < children.size(); i++) {
                    Object single = JsonPath.read(api.figures(program, children.get(i), range), "$.indicators");
                    assertThat((Object) JsonPath.read(json, "$.children[" + i + "].indicators")).as(parent + range + " " + children.get(i))
                            .isEqualTo(single);
                }
            }
        }
        String json = ok("/progress/children?unitId=" + tree.id("d1"), Callers.admin());
        assertThat((List<Object>) JsonPath.read(json, "$.children[?(@.unitId == '" + tree.id("n") + "')].indicators[?(@.code == 'sessions')].actual"))
                .as("the merged communes roll up into n").containsExactly(38);
        assertThat((List<Object>) JsonPath.read(json, "$.children[?(@.unitId == '" + tree.id("n") + "')].name"))
                .containsExactly("Đơn vị n");
    }

    @Test
    void eachPointOfASeriesIsTheSingleAnswerOfItsMonthOrYear() throws Exception {
        String months = ok("/progress/series?unitId=" + tree.id("d1") + "&from=2024-03-10&to=2025-09-20&step=MONTH", Callers.admin());
        List<String> starts = JsonPath.read(months, "$.points[*].from");
        List<String> ends = JsonPath.read(months, "$.points[*].to");
        assertThat(starts).hasSize(19).startsWith("2024-03-10", "2024-04-01").endsWith("2025-09-01");
        assertThat(ends).startsWith("2024-03-31").endsWith("2025-09-20");
        for (int i = 0; i < starts.size(); i++) {
            Object single = JsonPath.read(api.figures(program, tree.id("d1"), "&from=" + starts.get(i) + "&to=" + ends.get(i)), "$.indicators");
            assertThat((Object) JsonPath.read(months, "$.points[" + i + "].indicators")).as(starts.get(i)).isEqualTo(single);
        }
        String years = ok("/progress/series?from=2023-06-01&to=2026-02-01&step=YEAR", Callers.admin());
        assertThat((List<String>) JsonPath.read(years, "$.points[*].from")).containsExactly("2023-06-01", "2024-01-01", "2025-01-01", "2026-01-01");
        List<String> yearEnds = JsonPath.read(years, "$.points[*].to");
        assertThat(yearEnds).containsExactly("2023-12-31", "2024-12-31", "2025-12-31", "2026-02-01");
        for (int i = 0; i < yearEnds.size(); i++) {
            String from = JsonPath.read(years, "$.points[" + i + "].from");
            Object single = JsonPath.read(api.figures(program, null, "&from=" + from + "&to=" + yearEnds.get(i)), "$.indicators");
            assertThat((Object) JsonPath.read(years, "$.points[" + i + "].indicators")).isEqualTo(single);
        }
        assertThat((List<Object>) JsonPath.read(years, "$.points[2].indicators[?(@.code == 'sessions')].actual")).containsExactly(57);
    }

    @Test
    void aLatestFigureCarriesItsDateAndARatioItsParts() throws Exception {
        String json = api.figures(program, tree.id("d1"), "&from=2024-01-01&to=2024-12-31");
        assertThat((List<Object>) JsonPath.read(json, "$.indicators[?(@.code == 'teams')].valueDate")).containsExactly("2024-12-01");
        assertThat((List<Object>) JsonPath.read(json, "$.indicators[?(@.code == 'teams')].actual")).containsExactly(10);
        assertThat((List<Object>) JsonPath.read(json, "$.indicators[?(@.code == 'perSession')].numerator")).containsExactly(230);
        assertThat((List<Object>) JsonPath.read(json, "$.indicators[?(@.code == 'perSession')].denominator")).containsExactly(9);
        assertThat((List<Object>) JsonPath.read(json, "$.indicators[?(@.code == 'perSession')].actual")).containsExactly(25.555556);
        assertThat((List<Object>) JsonPath.read(json, "$.indicators[?(@.code == 'sessions')].valueDate")).containsExactly((Object) null);
        String whole = api.figures(program, tree.id("n"), "");
        assertThat((List<Object>) JsonPath.read(whole, "$.indicators[?(@.code == 'teams')].valueDate"))
                .as("n's own report supersedes its merged communes'").containsExactly("2025-09-02");
    }

    @Test
    void theSameScopeAsTheSingleAnswer() throws Exception {
        var ofC3 = Callers.officer("officer-c3", "POLICE", tree.id("c3"));
        for (String path : List.of("/progress", "/progress/children", "/progress/series")) {
            call(path + "?unitId=" + tree.id("d1"), ofC3, 403);
            call(path + "?unitId=" + tree.id("c4"), ofC3, 403);
            call(path + "?unitId=" + tree.id("c3") + "&from=2024-01-01&to=2025-12-31", ofC3, 200);
        }
        assertThat((List<Object>) JsonPath.read(ok("/progress/children", ofC3), "$.children")).as("a commune has no child units").isEmpty();
        assertThat((String) JsonPath.read(ok("/progress/series?from=2024-01-01&to=2024-12-31", ofC3), "$.unitId"))
                .as("the caller's own unit by default").isEqualTo(tree.id("c3"));
        var ofD1 = Callers.officer("officer-d1", "FRONT", tree.id("d1"));
        assertThat((List<String>) JsonPath.read(ok("/progress/children", ofD1), "$.children[*].unitId"))
                .containsExactlyInAnyOrder(tree.id("c3"), tree.id("n"));

        String elsewhere = JsonPath.read(mvc.perform(post("/api/v1/programs").with(Callers.admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"B-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"title\":\"Chương trình của d2\",\"kind\":\"COORDINATION_PROGRAM\",\"startsOn\":\"2024-01-01\","
                        + "\"endsOn\":\"2026-12-31\",\"scopeUnitId\":\"" + tree.id("d2") + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        for (String path : List.of("/progress", "/progress/children", "/progress/series")) {
            mvc.perform(get("/api/v1/programs/" + elsewhere + path).with(ofC3)).andExpect(status().isNotFound());
        }
        assertThat((List<String>) JsonPath.read(mvc.perform(get("/api/v1/programs/" + elsewhere + "/progress/children")
                .with(Callers.admin())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(),
                "$.children[*].unitId")).as("a national caller: the program's scope unit's children").containsExactly(tree.id("c4"));
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        field("/progress/series?step=WEEK", "step");
        field("/progress/series?step=month", "step");
        field("/progress/series?from=2025-02-01&to=2025-01-31", "to");
        field("/progress/children?from=2025-02-01&to=2025-01-31&unitId=" + tree.id("p"), "to");
        field("/progress/series", "step"); // 2013–2033 by month: 252 points
        field("/progress/series?from=2013-01-01&to=2023-01-31", "step"); // 121 points
        call("/progress/series?from=2013-01-01&to=2022-12-31", Callers.admin(), 200);
        field("/progress/series?from=2025-13-01", "from");
        field("/progress/series?from=0999-01-01", "from");
        field("/progress/children?unitId=not..an-id", "unitId");
        field("/progress/series?unitId=a%24b", "unitId");
        field("/progress/children", "unitId"); // a national program and caller: whose children?
        mvc.perform(get("/api/v1/programs/not..an-id/progress/children").with(Callers.admin())).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/programs/no-such-program/progress/series").with(Callers.admin())).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/programs/" + program + "/progress/children")).andExpect(status().isUnauthorized());
    }

    private void field(String path, String field) throws Exception {
        String problem = mvc.perform(get("/api/v1/programs/" + program + path).with(Callers.admin()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(problem, "$.errors[*].field")).as(path + ": " + problem).contains(field);
    }

    private void call(String path, RequestPostProcessor caller, int expected) throws Exception {
        mvc.perform(get("/api/v1/programs/" + program + path).with(caller)).andExpect(status().is(expected));
    }

    private String ok(String path, RequestPostProcessor caller) throws Exception {
        return mvc.perform(get("/api/v1/programs/" + program + path).with(caller)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private void indicator(String json) throws Exception {
        mvc.perform(post("/api/v1/programs/" + program + "/indicators").with(Callers.admin())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isCreated());
    }

    private void log(String unit, LocalDate on, int sessions, int visits, int teams) throws Exception {
        tree.activity(program, unit, on, Map.of("sessions", sessions, "visits", visits, "teams", teams));
    }

    private static void eventually(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion);
    }
}
