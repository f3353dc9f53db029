package vn.phoihop.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/** program-service has the platform's audit log too: its writes and refusals, and the admin-only audit API. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class AuditIT {

    @Autowired
    MockMvc mvc;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String manager = "manager-" + suffix;
    final RequestPostProcessor auditor = Callers.caller("auditor-" + suffix, List.of("ADMIN"), List.of());

    @Test
    void programWritesAreRecordedWithTheirRouteAndProgramAndNoBody() throws Exception {
        String id = JsonPath.read(mvc.perform(post("/api/v1/programs").with(as(manager, "PROGRAM_MANAGER"))
                        .header("X-Request-Id", "create-" + suffix).header("X-Forwarded-For", "203.0.113.20")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ProgramServiceHarness.programBody("AUD-" + suffix)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/v1/programs/{id}/activate", id).with(as(manager, "PROGRAM_MANAGER"))
                        .header("X-Request-Id", "activate-" + suffix))
                .andExpect(status().is4xxClientError()); // no indicator yet: a domain rule refuses it

        assertThat(only("requestId", "create-" + suffix)).containsEntry("actor", manager)
                .containsEntry("action", "POST /api/v1/programs").containsEntry("resourceType", "programs")
                .containsEntry("resourceIds", List.of(id)).containsEntry("unitId", null)
                .containsEntry("from", "203.0.113.20").containsEntry("outcome", "SUCCESS")
                .doesNotContainValue("Đẩy mạnh phong trào Toàn dân bảo vệ an ninh Tổ quốc");
        assertThat(only("requestId", "activate-" + suffix))
                .containsEntry("action", "POST /api/v1/programs/{id}/activate")
                .containsEntry("resourceIds", List.of(id)).containsEntry("outcome", "FAILED");
        assertThat(audit("resourceId", id)).hasSize(2);
        assertThat(audit("actor", manager, "limit", "1")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("action", "POST /api/v1/programs/{id}/activate"));
    }

    @Test
    void aWriteRefusedBySecurityIsRecordedDenied() throws Exception {
        String partner = "partner-" + suffix;
        problem(mvc.perform(post("/api/v1/audit").with(as(partner, "PARTNER")).header("X-Request-Id", "denied-" + suffix)
                .contentType(MediaType.APPLICATION_JSON).content("{}")), 403);
        assertThat(only("requestId", "denied-" + suffix)).containsEntry("actor", partner)
                .containsEntry("resourceType", "audit").containsEntry("outcome", "DENIED");
    }

    @Test
    void onlyAdminsReadTheAuditAndNobodyEditsIt() throws Exception {
        problem(mvc.perform(get("/api/v1/audit").with(as("partner-" + suffix, "PARTNER"))), 403);
        problem(mvc.perform(get("/api/v1/audit").with(as("manager-" + suffix, "PROGRAM_MANAGER"))), 403);
        problem(mvc.perform(put("/api/v1/audit").with(auditor)), 405);
        problem(mvc.perform(delete("/api/v1/audit").with(auditor)), 405);
        problem(mvc.perform(get("/api/v1/audit").with(auditor).param("limit", "501")), 400);
        mvc.perform(get("/api/v1/audit").with(auditor).param("limit", "500")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isArray());
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
