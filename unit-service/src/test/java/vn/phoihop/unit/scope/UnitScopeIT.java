package vn.phoihop.unit.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Units through the eyes of principals bound to a commune: what they see and change (their commune's subtree in
 * today's tree), what their role allows, and bodies and parameters that try to reach past either.
 * Tree: province P → commune A → team TA; P → commune B → team TB.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class UnitScopeIT {

    @Autowired
    MockMvc mvc;

    final String tag = UUID.randomUUID().toString().substring(0, 8);
    String province;
    String communeA;
    String teamA;
    String communeB;
    String teamB;

    @BeforeEach
    void twoCommunesOfOneProvince() throws Exception {
        province = create("P", "PROVINCE", null, Callers.admin());
        communeA = create("A", "COMMUNE", province, Callers.admin());
        teamA = create("TA", "SECURITY_TEAM", communeA, Callers.admin());
        communeB = create("B", "COMMUNE", province, Callers.admin());
        teamB = create("TB", "SECURITY_TEAM", communeB, Callers.admin());
    }

    RequestPostProcessor officerA() {
        return Callers.officer("officer-a", "POLICE", communeA);
    }

    @Test
    void anotherCommunesUnitsAreNotFoundAndOwnAreRead() throws Exception {
        for (String outside : List.of(communeB, teamB, province)) {
            problem(mvc.perform(get("/api/v1/units/{id}", outside).with(officerA())), 404);
            problem(mvc.perform(get("/api/v1/units/{id}", outside).param("asOf", "2025-01-01").with(officerA())), 404);
        }
        problem(mvc.perform(get("/api/v1/units/{id}", "no-such-unit").with(officerA())), 404);
        for (String inside : List.of(communeA, teamA)) {
            mvc.perform(get("/api/v1/units/{id}", inside).with(officerA())).andExpect(status().isOk())
                    .andExpect(jsonPath("$.id").value(inside));
        }
        mvc.perform(get("/api/v1/units/{id}", teamB).with(Callers.admin())).andExpect(status().isOk());
    }

    @Test
    void listsHoldTheScopeOnlyWhateverTheOtherFilters() throws Exception {
        assertThat(ids(list(officerA()))).containsExactly(communeA, teamA);
        assertThat(ids(list(officerA(), "q", tag))).containsExactly(communeA, teamA);
        assertThat(ids(list(officerA(), "kind", "SECURITY_TEAM"))).contains(teamA).doesNotContain(teamB);
        assertThat(ids(list(officerA(), "ancestorId", communeA))).containsExactly(teamA);
        assertThat(ids(list(officerA(), "parentId", communeA))).containsExactly(teamA);
        assertThat(ids(list(officerA(), "asOf", "2021-06-01"))).containsExactly(communeA, teamA);
        assertThat(ids(list(Callers.admin(), "ancestorId", province))).containsExactly(communeA, communeB, teamA, teamB);
    }

    @Test
    void aScopedListPagesThroughTheScopeOnly() throws Exception {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var request = get("/api/v1/units").with(officerA()).param("limit", "1");
            String json = mvc.perform(cursor == null ? request : request.param("cursor", cursor))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1))
                    .andReturn().getResponse().getContentAsString();
            seen.addAll(JsonPath.read(json, "$.items[*].id"));
            cursor = JsonPath.read(json, "$.nextCursor");
        } while (cursor != null && seen.size() < 10);
        assertThat(seen).containsExactly(communeA, teamA);
    }

    @Test
    void aFilterOutsideOrWiderThanTheScopeIsForbidden() throws Exception {
        for (String param : List.of("parentId", "ancestorId")) {
            for (String outside : List.of(province, communeB, teamB, "no-such-unit")) {
                problem(mvc.perform(get("/api/v1/units").param(param, outside).with(officerA())), 403);
            }
        }
    }

    @Test
    void writesStayInsideTheScope() throws Exception {
        String newTeam = create("TA2", "SECURITY_TEAM", communeA, officerA());
        problem(createAs("TB2", communeB, officerA()), 403);
        problem(createAs("ROOT", null, officerA()), 403);
        problem(createAs("TX", "no-such-unit", officerA()), 403);

        problem(send(patch("/api/v1/units/{id}", communeB), "{\"name\":\"Xã khác\"}", officerA()), 404);
        send(patch("/api/v1/units/{id}", newTeam), "{\"name\":\"Tổ mới\"}", officerA()).andExpect(status().isOk());

        String move = "{\"newParentId\":\"%s\",\"effectiveDate\":\"2025-07-01\"}";
        problem(send(post("/api/v1/units/{id}/move", teamA), move.formatted(communeB), officerA()), 403);
        problem(send(post("/api/v1/units/{id}/move", teamB), move.formatted(communeA), officerA()), 404);

        String mergeInto = "{\"sourceIds\":[\"%s\"],\"target\":{\"id\":\"%s\"},\"effectiveDate\":\"2025-07-01\"}";
        problem(send(post("/api/v1/units/merge"), mergeInto.formatted(teamB, teamA), officerA()), 403);
        problem(send(post("/api/v1/units/merge"), mergeInto.formatted(teamA, teamB), officerA()), 403);
        String mergeNew = "{\"sourceIds\":[\"%s\"],\"target\":{\"code\":\"M-" + tag + "\",\"name\":\"Tổ gộp\","
                + "\"kind\":\"SECURITY_TEAM\",\"parentId\":\"%s\"},\"effectiveDate\":\"2025-07-01\"}";
        problem(send(post("/api/v1/units/merge"), mergeNew.formatted(teamA, communeB), officerA()), 403);

        send(post("/api/v1/units/merge"), mergeInto.formatted(newTeam, teamA), officerA()).andExpect(status().isOk())
                .andExpect(jsonPath("$.target.id").value(teamA));
        mvc.perform(get("/api/v1/units/{id}", teamB).with(Callers.admin())).andExpect(jsonPath("$.validTo").isEmpty());
    }

    @Test
    void aMergedCommunesOfficerSeesTheSuccessorOnlyOnceRescoped() throws Exception {
        String merged = "{\"sourceIds\":[\"%s\",\"%s\"],\"target\":{\"code\":\"AB-%s\",\"name\":\"Xã AB\","
                + "\"kind\":\"COMMUNE\",\"parentId\":\"%s\"},\"effectiveDate\":\"2025-07-01\"}";
        String json = send(post("/api/v1/units/merge"), merged.formatted(communeA, communeB, tag, province),
                Callers.admin()).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String successor = JsonPath.read(json, "$.target.id");

        problem(mvc.perform(get("/api/v1/units/{id}", successor).with(officerA())), 404);
        mvc.perform(get("/api/v1/units/{id}", communeA).with(officerA())).andExpect(status().isOk())
                .andExpect(jsonPath("$.successorIds", contains(successor)));
        mvc.perform(get("/api/v1/units/{id}", successor).with(Callers.officer("officer-a", "POLICE", successor)))
                .andExpect(status().isOk());
    }

    @Test
    void rolesDecideWhoWritesAndReads() throws Exception {
        String body = createBody("V", "SECURITY_TEAM", communeA);
        for (String role : List.of("VIEWER", "PARTNER", "PROGRAM_MANAGER")) {
            RequestPostProcessor caller = Callers.caller("c-" + role, List.of(role), List.of(), "OTHER", communeA);
            problem(send(post("/api/v1/units"), body, caller), 403);
            problem(send(patch("/api/v1/units/{id}", teamA), "{\"name\":\"x\"}", caller), 403);
            problem(send(post("/api/v1/units/{id}/move", teamA), "{\"newParentId\":\"" + communeA
                    + "\",\"effectiveDate\":\"2025-07-01\"}", caller), 403);
            mvc.perform(get("/api/v1/units/{id}", teamA).with(caller)).andExpect(status().isOk());
            problem(mvc.perform(get("/api/v1/units/{id}", teamB).with(caller)), 404);
        }
        RequestPostProcessor noRole = Callers.caller("nobody", List.of("AUDITOR"), List.of(), null, null);
        problem(mvc.perform(get("/api/v1/units/{id}", teamA).with(noRole)), 403);
        mvc.perform(get("/api/v1/units/{id}", teamA)).andExpect(status().isUnauthorized());
    }

    @Test
    void aRequestWithoutARowInTheRulesIsRefusedEvenToAnAdmin() throws Exception {
        problem(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .delete("/api/v1/units/{id}", teamA).with(Callers.admin())), 403);
        problem(send(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .put("/api/v1/units/{id}", teamA), "{}", Callers.admin()), 403);
    }

    @Test
    void theScopeIsNotARequestParameterInTheApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/units'].get.parameters[?(@.name == 'scope')]", empty()))
                .andExpect(jsonPath("$.paths['/api/v1/units'].get.parameters[?(@.name == 'caller')]", empty()))
                .andExpect(jsonPath("$.paths['/api/v1/units/{unitId}/members'].get.parameters[?(@.name == 'caller')]",
                        empty()));
    }

    @Test
    void aBoundAdminCannotImportTheCountry() throws Exception {
        RequestPostProcessor boundAdmin = Callers.caller("admin-a", List.of("ADMIN"), List.of(), "OTHER", communeA);
        problem(mvc.perform(post("/api/v1/units/import").with(boundAdmin).contentType("text/csv")
                .content("code,name,level,parent_code\nI-" + tag + ",Tỉnh I,province,\n")), 403);
        problem(mvc.perform(post("/api/v1/units/merges/import").with(boundAdmin).contentType("text/csv")
                .content("old_code,new_code,effective_date\n")), 403);
        problem(mvc.perform(post("/api/v1/units/import").with(officerA()).contentType("text/csv")
                .content("code,name,level,parent_code\n")), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"id\":\"u-forged\"", "\"status\":\"ACTIVE\"", "\"revision\":2", "\"createdBy\":\"someone\"",
            "\"ancestorIds\":[]", "\"validTo\":\"2030-01-01\"", "\"successorIds\":[]", "\"code\":{\"$ne\":null}",
            "\"name\":{\"$where\":\"sleep(1000)\"}", "\"parentId\":{\"$ne\":null}", "\"kind\":{\"$in\":[\"COMMUNE\"]}",
            "\"$where\":\"1\"", "\"name.first\":\"x\""})
    void serverOwnedUnknownAndOperatorFieldsAre400(String field) throws Exception {
        String name = field.substring(1, field.indexOf('"', 1));
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("code", "\"F-" + tag + "\"");
        fields.put("name", "\"Tổ F " + tag + "\"");
        fields.put("kind", "\"SECURITY_TEAM\"");
        fields.put("parentId", "\"" + communeA + "\"");
        fields.remove(name);
        var body = new StringBuilder("{");
        fields.forEach((k, v) -> body.append('"').append(k).append("\":").append(v).append(','));
        problem(send(post("/api/v1/units"), body + field + "}", Callers.admin()), 400);
        problem(send(patch("/api/v1/units/{id}", teamA), "{\"code\":\"G-" + tag + "\"," + field + "}", Callers.admin()), 400);
        assertThat(ids(list(Callers.admin(), "q", tag))).containsExactly(communeA, communeB, province, teamA, teamB);
        mvc.perform(get("/api/v1/units/{id}", teamA).with(Callers.admin())).andExpect(jsonPath("$.code").value("TA-" + tag));
    }

    @Test
    void moveAndMergeBodiesRefuseServerOwnedAndOperatorFields() throws Exception {
        String move = "{\"newParentId\":\"" + communeB + "\",\"effectiveDate\":\"2025-07-01\",";
        problem(send(post("/api/v1/units/{id}/move", teamA), move + "\"ancestorIds\":[]}", Callers.admin()), 400);
        problem(send(post("/api/v1/units/{id}/move", teamA), "{\"newParentId\":{\"$ne\":null},"
                + "\"effectiveDate\":\"2025-07-01\"}", Callers.admin()), 400);
        problem(send(post("/api/v1/units/merge"), "{\"sourceIds\":[{\"$ne\":null}],\"target\":{\"id\":\"" + teamB
                + "\"},\"effectiveDate\":\"2025-07-01\"}", Callers.admin()), 400);
        problem(send(post("/api/v1/units/merge"), "{\"sourceIds\":[\"" + teamA + "\"],\"target\":{\"id\":\"" + teamB
                + "\",\"validTo\":\"2025-07-01\"},\"effectiveDate\":\"2025-07-01\"}", Callers.admin()), 400);
        mvc.perform(get("/api/v1/units/{id}", teamA).with(Callers.admin())).andExpect(jsonPath("$.parentId").value(communeA))
                .andExpect(jsonPath("$.validTo").isEmpty());
    }

    @Test
    void regexMetacharactersInQMatchLiterally() throws Exception {
        String unit = create("R", "SECURITY_TEAM", communeA, Callers.admin());
        send(patch("/api/v1/units/{id}", unit), "{\"name\":\"Tổ " + tag + " (số 1) a+b\"}", Callers.admin())
                .andExpect(status().isOk());
        assertThat(ids(list(Callers.admin(), "q", tag + " (số 1) a+b"))).containsExactly(unit);
        for (String q : List.of(tag + ".*", tag + " )", tag + "\\", "[" + tag + "]", tag + " (số 1) a+b$", tag + "|x",
                ".*" + tag)) {
            assertThat(ids(list(Callers.admin(), "q", q))).as(q).isEmpty();
        }
    }

    @Test
    void anUnboundedOrOperatorParameterIs400() throws Exception {
        problem(list(Callers.admin(), "limit", "100000"), 400);
        problem(list(Callers.admin(), "limit", "501"), 400);
        problem(list(Callers.admin(), "parentId", "{\"$ne\":null}"), 400);
        problem(list(Callers.admin(), "ancestorId", "$where"), 400);
        problem(list(Callers.admin(), "kind", "{\"$ne\":null}"), 400);
    }

    /** A list of units with these query parameters (name, value, ...), up to 500 unless a limit is given. */
    private ResultActions list(RequestPostProcessor caller, String... params) throws Exception {
        var request = get("/api/v1/units").with(caller);
        boolean limited = false;
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
            limited |= params[i].equals("limit");
        }
        return mvc.perform(limited ? request : request.param("limit", "500"));
    }

    private static List<String> ids(ResultActions result) throws Exception {
        String json = result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.items[*].id");
    }

    private String create(String code, String kind, String parentId, RequestPostProcessor caller) throws Exception {
        String json = send(post("/api/v1/units"), createBody(code, kind, parentId), caller)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private ResultActions createAs(String code, String parentId, RequestPostProcessor caller) throws Exception {
        return send(post("/api/v1/units"), createBody(code, "SECURITY_TEAM", parentId), caller);
    }

    private String createBody(String code, String kind, String parentId) {
        return "{\"code\":\"" + code + "-" + tag + "\",\"name\":\"Đơn vị " + code + " " + tag + "\",\"kind\":\"" + kind
                + "\",\"validFrom\":\"2020-01-01\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}";
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body, RequestPostProcessor caller)
            throws Exception {
        return mvc.perform(request.with(caller).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    static void problem(ResultActions result, int status) throws Exception {
        var response = result.andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
    }
}
