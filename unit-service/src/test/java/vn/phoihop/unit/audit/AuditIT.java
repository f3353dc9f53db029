package vn.phoihop.unit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.platform.security.AccessRules;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * The audit log of unit-service, read through its own API: writes and refusals recorded centrally with who, what,
 * which, from where, request id and outcome; unmasked reads of members; the query API for national admins only,
 * paged, filtered, never editable, and itself audited. Bodies and personal data never reach an entry.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class AuditIT {

    /** A row of the security matrix, so a write is refused by the security chain (before any controller). */
    @TestConfiguration
    static class ViewersMayNotMoveUnits {
        @Bean
        AccessRules viewersMayNotMoveUnits() {
            return rules -> rules.requestMatchers(HttpMethod.POST, "/api/v1/units/*/move")
                    .hasAnyRole("ADMIN", "UNIT_OFFICER");
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String writer = "writer-" + suffix;
    final RequestPostProcessor auditor = Callers.caller("auditor-" + suffix, List.of("ADMIN"), List.of());

    @Test
    void aWriteIsRecordedWithWhoWhatWhichFromWhereRequestIdAndOutcome() throws Exception {
        String requestId = "audit-create-" + suffix;
        String json = mvc.perform(post("/api/v1/units").with(as(writer, "ADMIN")).header("X-Request-Id", requestId)
                        .header("X-Forwarded-For", "203.0.113.7").contentType(MediaType.APPLICATION_JSON)
                        .content(unit("C")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(json, "$.id");

        Map<String, Object> entry = only("requestId", requestId);
        assertThat(entry).containsEntry("actor", writer)
                .containsEntry("action", "POST /api/v1/units")
                .containsEntry("resourceType", "units")
                .containsEntry("resourceIds", List.of(id))
                .containsEntry("unitId", id)
                .containsEntry("from", "203.0.113.7")
                .containsEntry("requestId", requestId)
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("purpose", null);
        assertThat(Instant.parse((String) entry.get("at"))).isBefore(Instant.now().plusSeconds(1));

        mvc.perform(patch("/api/v1/units/{id}", id).with(as(writer, "ADMIN")).header("X-Request-Id", requestId + "-p")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Phường Mới\"}"))
                .andExpect(status().isOk());
        assertThat(only("requestId", requestId + "-p")).containsEntry("action", "PATCH /api/v1/units/{id}")
                .containsEntry("resourceIds", List.of(id)).containsEntry("unitId", id)
                .containsEntry("from", "127.0.0.1"); // no gateway in between: the peer
    }

    @Test
    void refusedAndFailedWritesAreRecordedToo() throws Exception {
        String id = create(unit("R"));
        String viewer = "viewer-" + suffix;
        mvc.perform(post("/api/v1/units/{id}/move", id).with(as(viewer, "VIEWER")).header("X-Request-Id", "denied-" + suffix)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"newParentId\":\"x\",\"effectiveDate\":\"2026-01-01\"}"))
                .andExpect(status().isForbidden());
        assertThat(only("requestId", "denied-" + suffix)).containsEntry("actor", viewer)
                .containsEntry("action", "POST /api/v1/units/{id}/move")
                .containsEntry("resourceIds", List.of(id))
                .containsEntry("outcome", "DENIED");

        mvc.perform(post("/api/v1/units").header("X-Request-Id", "anonymous-" + suffix)
                        .contentType(MediaType.APPLICATION_JSON).content(unit("A")))
                .andExpect(status().isUnauthorized());
        assertThat(only("requestId", "anonymous-" + suffix)).containsEntry("actor", "anonymous")
                .containsEntry("action", "POST /api/v1/units").containsEntry("outcome", "DENIED");

        mvc.perform(patch("/api/v1/units/{id}", "no-such-unit").with(as(writer, "ADMIN"))
                        .header("X-Request-Id", "failed-" + suffix)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"X\"}"))
                .andExpect(status().isNotFound());
        assertThat(only("requestId", "failed-" + suffix)).containsEntry("outcome", "FAILED")
                .containsEntry("resourceIds", List.of("no-such-unit"));
    }

    @Test
    void anUnmaskedReadOfMembersIsRecordedAndNoEntryHoldsPersonalData() throws Exception {
        String team = create(unit("T"));
        String member = JsonPath.read(mvc.perform(post("/api/v1/units/{u}/members", team).with(as(writer, "ADMIN"))
                        .header("X-Request-Id", "add-" + suffix).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fullName\":\"" + FULL_NAME + "\",\"role\":\"MEMBER\",\"phone\":\"" + PHONE
                                + "\",\"nationalId\":\"" + NATIONAL_ID + "\",\"joinedOn\":\"2025-08-01\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        assertThat(only("requestId", "add-" + suffix))
                .containsEntry("action", "POST /api/v1/units/{unitId}/members")
                .containsEntry("resourceIds", List.of(team, member)).containsEntry("unitId", team);

        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, member)
                        .with(Callers.caller("reader-" + suffix, List.of("UNIT_OFFICER"), List.of("pii:read")))
                        .header("X-Request-Id", "pii-" + suffix).header("X-Purpose", "case-verification")
                        .header("X-Forwarded-For", "198.51.100.4"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.phone").value(PHONE));
        assertThat(only("requestId", "pii-" + suffix)).containsEntry("actor", "reader-" + suffix)
                .containsEntry("action", "personal-data.read").containsEntry("resourceType", "member")
                .containsEntry("resourceIds", List.of(member)).containsEntry("unitId", team)
                .containsEntry("from", "198.51.100.4").containsEntry("purpose", "case-verification");

        for (Document stored : database.getCollection("audit").find()) {
            assertThat(stored.toJson()).doesNotContain(PHONE, NATIONAL_ID, FULL_NAME);
        }
    }

    @Test
    void adminsFilterAndPageNewestFirst() throws Exception {
        String first = create(unit("P1"));
        String second = create(unit("P2"));
        String third = create(unit("P3"));

        String page1 = mvc.perform(get("/api/v1/audit").with(auditor).param("actor", writer).param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(page1, "$.items[*].resourceIds[0]")).containsExactly(third, second);
        String cursor = JsonPath.read(page1, "$.nextCursor");
        assertThat(cursor).isNotBlank();
        String page2 = mvc.perform(get("/api/v1/audit").with(auditor).param("actor", writer).param("limit", "2")
                        .param("cursor", cursor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nextCursor").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(page2, "$.items[*].resourceIds[0]")).containsExactly(first);

        assertThat(audit("resourceId", second)).singleElement().satisfies(e -> assertThat(e).containsEntry("actor", writer));
        assertThat(audit("actor", writer, "action", "POST /api/v1/units", "resourceType", "units", "outcome", "SUCCESS"))
                .hasSize(3);
        assertThat(audit("actor", writer, "outcome", "DENIED")).isEmpty();
        String at = (String) audit("resourceId", second).get(0).get("at");
        assertThat(audit("actor", writer, "from", at)).extracting(e -> e.get("resourceIds"))
                .containsExactly(List.of(third), List.of(second));
        assertThat(audit("actor", writer, "to", at)).extracting(e -> e.get("resourceIds")).containsExactly(List.of(first));
        assertThat(audit("actor", writer, "unitId", first)).hasSize(1);
    }

    @Test
    void readingTheAuditIsItselfAudited() throws Exception {
        mvc.perform(get("/api/v1/audit").with(auditor).param("actor", "nobody").header("X-Request-Id", "read-" + suffix))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items").isEmpty());
        assertThat(only("requestId", "read-" + suffix)).containsEntry("actor", "auditor-" + suffix)
                .containsEntry("action", "GET /api/v1/audit").containsEntry("resourceType", "audit")
                .containsEntry("outcome", "SUCCESS");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"VIEWER,", "PARTNER,", "PROGRAM_MANAGER,", "UNIT_OFFICER,", "ADMIN, a-province"})
    void onlyNationalAdminsReadTheAudit(String role, String unitId) throws Exception {
        String who = "not-auditor-" + suffix;
        problem(mvc.perform(get("/api/v1/audit").header("X-Request-Id", "refused-" + suffix)
                .with(Callers.caller(who, List.of(role), List.of("pii:read"), "POLICE", unitId))), 403);
        assertThat(only("requestId", "refused-" + suffix)).containsEntry("actor", who)
                .containsEntry("action", "GET /api/v1/audit").containsEntry("outcome", "DENIED");
        problem(mvc.perform(get("/api/v1/audit")), 401);
    }

    @Test
    void theAuditCannotBeEditedThroughTheApi() throws Exception {
        create(unit("E"));
        Document before = database.getCollection("audit").find(new Document("actor", writer)).first();
        for (var request : List.of(put("/api/v1/audit"), delete("/api/v1/audit"), patch("/api/v1/audit"),
                post("/api/v1/audit"), delete("/api/v1/audit/{id}", before.getString("_id")),
                put("/api/v1/audit/{id}", before.getString("_id")))) {
            int status = mvc.perform(request.with(auditor).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as("%s", request).isIn(404, 405);
        }
        problem(mvc.perform(put("/api/v1/audit").with(auditor)), 405);
        problem(mvc.perform(delete("/api/v1/audit").with(auditor)), 405);
        problem(mvc.perform(delete("/api/v1/audit").with(as("viewer-" + suffix, "VIEWER"))), 403);
        assertThat(database.getCollection("audit").find(new Document("_id", before.get("_id"))).first()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit, 0", "limit, 501", "limit, ten", "outcome, MAYBE", "from, yesterday", "to, 2026-13-01T00:00:00Z",
            "cursor, bm90LWEtY3Vyc29y", "cursor, $gt", "actor, '{\"$ne\":null}'", "resourceId, $where", "unitId, a b",
            "resourceType, Units", "action, POST $where", "actorr, admin", "requestId, '<script>'"})
    void badFiltersAreProblems(String name, String value) throws Exception {
        problem(mvc.perform(get("/api/v1/audit").with(auditor).param(name, value)), 400)
                .andExpect(jsonPath("$.errors[0].field").value(name))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("$where"))));
    }

    @Test
    void aRangeMustRunForwardAndAFilterBeGivenOnce() throws Exception {
        problem(mvc.perform(get("/api/v1/audit").with(auditor).param("from", "2026-02-01T00:00:00Z")
                .param("to", "2026-01-01T00:00:00Z")), 400).andExpect(jsonPath("$.errors[0].field").value("to"));
        problem(mvc.perform(get("/api/v1/audit").with(auditor).param("actor", "a").param("actor", "b")), 400);
        mvc.perform(get("/api/v1/audit").with(auditor).param("limit", "500").param("service", "units"))
                .andExpect(status().isOk());
    }

    private String create(String body) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/v1/units").with(as(writer, "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private String unit(String code) {
        return "{\"code\":\"AU-" + code + "-" + suffix + "\",\"name\":\"Phường " + code + "\",\"kind\":\"COMMUNE\","
                + "\"validFrom\":\"2025-07-01\"}";
    }



    /** The entries GET /api/v1/audit answers an admin for these filters (name, value, name, value…). */
    private List<Map<String, Object>> audit(String... filters) throws Exception {
        var request = get("/api/v1/audit").with(auditor);
        for (int i = 0; i < filters.length; i += 2) {
            request.param(filters[i], filters[i + 1]);
        }
        return JsonPath.read(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(), "$.items");
    }

    private Map<String, Object> only(String... filters) throws Exception {
        List<Map<String, Object>> entries = audit(filters);
        assertThat(entries).as("audit entries for %s", List.of(filters)).hasSize(1);
        return entries.get(0);
    }

    private static RequestPostProcessor as(String subject, String role) {
        return Callers.caller(subject, List.of(role), List.of());
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }
}
