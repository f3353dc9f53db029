package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Activities through the eyes of principals bound to units: the fixture's commune (A) with its police, Front and
 * team, and a second commune (B) of the same province with its own police. An activity is visible to the scope of
 * its unit or of one of its co-units; it is logged and corrected from its unit's side only.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ActivityScopeIT extends ActivityFixture {

    static final String ACTIVITIES = "/api/v1/activities";

    String communeB;
    String policeB;

    @BeforeEach
    void aSecondCommune() throws Exception {
        communeB = unit("COMMUNE", province);
        policeB = unit("POLICE_UNIT", communeB);
    }

    RequestPostProcessor policeOfficerB() {
        return Callers.officer("police-officer-b", "POLICE", policeB);
    }

    RequestPostProcessor communeOfficerB() {
        return Callers.officer("commune-officer-b", "OTHER", communeB);
    }

    @Test
    void anotherCommunesActivityIsNotFoundByAnyPath() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        problem(get(ACTIVITIES + "/" + id, communeOfficerB()), 404);
        problem(get(ACTIVITIES + "/" + id + "/revisions", communeOfficerB()), 404);
        problem(confirm(id, Callers.officer("front-b", "FRONT", communeB)), 404);
        problem(postJson(ACTIVITIES + "/" + id + "/reject", "{\"reason\":\"không\"}", communeOfficerB()), 404);
        problem(postJson(ACTIVITIES + "/" + id + "/corrections", "{\"metrics\":{\"sessions\":9},\"reason\":\"x\"}",
                communeOfficerB()), 404);
        assertThat(version(id)).isEqualTo(1);

        get(ACTIVITIES + "/" + id, policeOfficer()).andExpect(status().isOk());
        get(ACTIVITIES + "/" + id, frontOfficer()).andExpect(status().isOk()); // as a co-unit
        get(ACTIVITIES + "/" + id + "/revisions", frontOfficer()).andExpect(status().isOk());
        get(ACTIVITIES + "/" + id, communeOfficer()).andExpect(status().isOk());
        problem(get(ACTIVITIES + "/" + id, teamLeader()), 404); // a sibling of both units
        get(ACTIVITIES + "/" + id, Callers.admin()).andExpect(status().isOk());
    }

    @Test
    void anActivityIsLoggedForAUnitOfTheScopeWithCoUnitsAnywhere() throws Exception {
        problem(postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 1}"), policeOfficerB()), 403);
        problem(postJson(ACTIVITIES, body("no-such-unit", List.of(), "{\"sessions\": 1}"), policeOfficerB()), 403);
        assertThat(storedFor(program)).isZero();

        String joint = id(postJson(ACTIVITIES, body(policeB, List.of(front), "{\"sessions\": 1}"), policeOfficerB())
                .andExpect(status().isCreated()));
        get(ACTIVITIES + "/" + joint, frontOfficer()).andExpect(status().isOk());
        confirm(joint, frontOfficer()).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void aBatchRefusesItsItemsOutsideTheScopeOneByOne() throws Exception {
        String batch = "[" + body(policeB, List.of(), "{\"sessions\": 1}") + "," + body(police, List.of(), "{\"sessions\": 1}")
                + "," + body(policeB, List.of(police), "{\"sessions\": 1}") + "]";
        postJson(ACTIVITIES + "/batch", batch, policeOfficerB(), "scope-batch").andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value(201))
                .andExpect(jsonPath("$.results[1].status").value(403))
                .andExpect(jsonPath("$.results[1].problem.status").value(403))
                .andExpect(jsonPath("$.results[2].status").value(201));
        assertThat(storedFor(program)).isEqualTo(2);
    }

    @Test
    void onlyTheLoggingUnitsSideCorrects() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        String correction = "{\"metrics\":{\"sessions\":0},\"reason\":\"ghi nhầm\"}";
        problem(postJson(ACTIVITIES + "/" + id + "/corrections", correction, frontOfficer()), 403);
        assertThat(version(id)).isEqualTo(1);
        postJson(ACTIVITIES + "/" + id + "/corrections", correction, policeOfficer()).andExpect(status().isCreated());
    }

    @Test
    void listsHoldTheScopeInTheQueryAndPageThroughIt() throws Exception {
        var mine = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            mine.add(id(postJson(ACTIVITIES, body(policeB, List.of(), "{\"sessions\": 1}"), policeOfficerB())
                    .andExpect(status().isCreated())));
        }
        String other = logged(body(police, List.of(), "{\"sessions\": 1}"));
        String joint = logged(body(police, List.of(policeB), "{\"sessions\": 1}"));
        mine.add(joint);

        assertThat(pageThrough(policeOfficerB(), "")).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(pageThrough(communeOfficerB(), "&unitId=" + policeB)).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(pageThrough(policeOfficer(), "")).containsExactlyInAnyOrder(other, joint);
        assertThat(pageThrough(Callers.admin(), "")).hasSize(5);
    }

    @Test
    void aUnitFilterOutsideOrWiderThanTheScopeIsForbidden() throws Exception {
        for (String outside : List.of(commune, police, province, "no-such-unit")) {
            problem(get(ACTIVITIES + "?unitId=" + outside, policeOfficerB()), 403);
        }
        get(ACTIVITIES + "?unitId=" + province, Callers.admin()).andExpect(status().isOk());
    }

    @Test
    void rolesDecideWhoLogsAndReads() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 1}"));
        for (String role : List.of("VIEWER", "PARTNER")) {
            RequestPostProcessor caller = Callers.caller("c-" + role, List.of(role), List.of(), "POLICE", commune);
            problem(postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 1}"), caller), 403);
            problem(postJson(ACTIVITIES + "/batch", "[" + body(police, List.of(), "{\"sessions\": 1}") + "]", caller), 403);
            problem(postJson(ACTIVITIES + "/" + id + "/corrections", "{\"metrics\":{},\"reason\":\"x\"}", caller), 403);
            problem(confirm(id, caller), 403);
            get(ACTIVITIES + "/" + id, caller).andExpect(status().isOk());
            get(ACTIVITIES + "?programId=" + program, caller).andExpect(status().isOk());
        }
        RequestPostProcessor manager = Callers.caller("pm", List.of("PROGRAM_MANAGER"), List.of(), "POLICE", commune);
        postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 1}"), manager).andExpect(status().isCreated());
        assertThat(storedFor(program)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"status\":\"CONFIRMED\"", "\"revision\":3", "\"version\":3", "\"createdBy\":\"someone\"",
            "\"ancestorIds\":[]", "\"coUnits\":[]", "\"counts\":true", "\"$where\":\"1\"", "\"title.x\":\"y\""})
    void serverOwnedUnknownAndOperatorFieldsAre400(String field) throws Exception {
        String body = body(police, List.of(), "{\"sessions\": 1}");
        problem(postJson(ACTIVITIES, body.substring(0, body.length() - 1) + "," + field + "}", policeOfficer()), 400);
        assertThat(storedFor(program)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$gt\": 1}", "{\"a.b\": 1}", "{\"sessions\": {\"$ne\": null}}", "{\"$where\": 1}"})
    void operatorsInMetricsAre400(String metrics) throws Exception {
        problem(postJson(ACTIVITIES, body(police, List.of(), metrics), policeOfficer()), 400);
        String id = logged(body(police, List.of(), "{\"sessions\": 1}"));
        problem(postJson(ACTIVITIES + "/" + id + "/corrections", "{\"metrics\":" + metrics + ",\"reason\":\"x\"}",
                policeOfficer()), 400);
        problem(postJson(ACTIVITIES + "/" + id + "/corrections", "{\"metrics\":{\"sessions\":2},\"reason\":\"x\","
                + "\"revision\":2}", policeOfficer()), 400);
        assertThat(version(id)).isEqualTo(1);
    }

    @Test
    void operatorsAsValuesAndUnboundedLimitsAre400() throws Exception {
        String body = body(police, List.of(), "{\"sessions\": 1}");
        problem(postJson(ACTIVITIES, body.replace("\"unitId\":\"" + police + "\"", "\"unitId\":{\"$ne\":null}"),
                policeOfficer()), 400);
        problem(postJson(ACTIVITIES, body.replace("\"coUnitIds\":[]", "\"coUnitIds\":[{\"$ne\":null}]"), policeOfficer()), 400);
        problem(postJson(ACTIVITIES, body.replace("\"title\":\"Tuyên truyền\"", "\"title\":{\"$where\":\"1\"}"),
                policeOfficer()), 400);
        assertThat(storedFor(program)).isZero();
        problem(get(ACTIVITIES + "?limit=100000", Callers.admin()), 400);
        problem(get(ACTIVITIES + "?unitId=%7B%22%24ne%22%3Anull%7D", Callers.admin()), 400);
    }

    private List<String> pageThrough(RequestPostProcessor caller, String filter) throws Exception {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            String json = get(ACTIVITIES + "?programId=" + program + "&limit=2" + filter
                    + (cursor == null ? "" : "&cursor=" + cursor), caller).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            List<String> page = JsonPath.read(json, "$.items[*].id");
            seen.addAll(page);
            cursor = JsonPath.read(json, "$.nextCursor");
            assertThat(cursor == null || page.size() == 2).as("a page that is not the last is full").isTrue();
        } while (cursor != null && seen.size() < 20);
        return seen;
    }

    private ResultActions get(String path, RequestPostProcessor caller) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path).with(caller));
    }

    private static void problem(ResultActions result, int status) throws Exception {
        assertProblem(result, status);
    }
}
