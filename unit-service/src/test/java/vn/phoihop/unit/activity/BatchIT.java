package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.WithInfrastructure;

/** A batch stores its good items even where others fail, and a retried batch creates nothing twice. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class BatchIT extends ActivityFixture {

    static final String BATCH = "/api/v1/activities/batch";

    @Test
    void eachItemSucceedsOrFailsOnItsOwn() throws Exception {
        String batch = "[" + String.join(",",
                body(police, List.of(), "{\"sessions\": 1}"),
                body(police, List.of(), "{\"sessions\": \"5\"}"),
                body(police, List.of(), "{\"unknownIndicator\": 1}"),
                body(police, List.of(front), "{\"attendees\": 40}"),
                "42") + "]";
        String json = postJson(BATCH, batch, policeOfficer(), "batch-1").andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(5))
                .andExpect(jsonPath("$.results[0].status").value(201))
                .andExpect(jsonPath("$.results[0].id").isNotEmpty())
                .andExpect(jsonPath("$.results[1].status").value(400))
                .andExpect(jsonPath("$.results[1].problem.detail").value("Wrong type or value at 'metrics.sessions'"))
                .andExpect(jsonPath("$.results[1].id").doesNotExist())
                .andExpect(jsonPath("$.results[2].status").value(422))
                .andExpect(jsonPath("$.results[2].problem.errors[0].field").value("metrics.unknownIndicator"))
                .andExpect(jsonPath("$.results[3].status").value(201))
                .andExpect(jsonPath("$.results[4].status").value(400))
                .andReturn().getResponse().getContentAsString();
        assertThat(storedFor(program)).isEqualTo(2);
        read("/api/v1/activities/" + JsonPath.read(json, "$.results[3].id")).andExpect(
                jsonPath("$.status").value("AWAITING_CONFIRMATION"));
    }

    @Test
    void aRetriedBatchCreatesNothingTwice() throws Exception {
        String batch = "[" + body(police, List.of(), "{\"sessions\": 1}") + "," + body(police, List.of(), "{\"sessions\": 1}") + "]";
        String first = postJson(BATCH, batch, policeOfficer(), "sync-2026-08-19").andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String again = postJson(BATCH, batch, policeOfficer(), "sync-2026-08-19").andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value(200))
                .andExpect(jsonPath("$.results[1].status").value(200))
                .andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(first, "$.results[*].id");
        assertThat(ids).hasSize(2).doesNotHaveDuplicates(); // two identical sessions are two activities
        assertThat((List<String>) JsonPath.read(again, "$.results[*].id")).isEqualTo(ids);
        assertThat(storedFor(program)).isEqualTo(2);

        String changed = "[" + body(police, List.of(), "{\"sessions\": 1}") + "," + body(police, List.of(), "{\"sessions\": 7}") + "]";
        postJson(BATCH, changed, policeOfficer(), "sync-2026-08-19").andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value(200))
                .andExpect(jsonPath("$.results[1].status").value(409));
        assertThat(storedFor(program)).isEqualTo(2);
    }

    @Test
    void aBatchOfMoreThan500IsRefusedWhole() throws Exception {
        String item = body(police, List.of(), "{\"sessions\": 1}");
        String batch = "[" + String.join(",", Collections.nCopies(501, item)) + "]";
        assertProblem(postJson(BATCH, batch, policeOfficer(), "too-big"), 413);
        assertProblem(postJson(BATCH, "[]", policeOfficer(), "empty"), 400);
        assertProblem(postJson(BATCH, "{\"items\": []}", policeOfficer(), "not-an-array"), 400);
        assertThat(storedFor(program)).isZero();
    }

    @Test
    void aBatchOf500IsAccepted() throws Exception {
        String item = body(police, List.of(), "{\"sessions\": 1}");
        String batch = "[" + String.join(",", Collections.nCopies(500, item)) + "]";
        postJson(BATCH, batch, policeOfficer(), "full").andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(500))
                .andExpect(jsonPath("$.results[499].status").value(201));
        assertThat(storedFor(program)).isEqualTo(500);
    }
}
