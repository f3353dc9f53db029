package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * The list's co-signing filters: {@code inbox=true} (a side the caller's agency answers for, in its scope, has yet to
 * confirm), {@code awaiting=<agency>} (any side of that agency), several {@code status}, {@code corrected=true}; and
 * the units' names beside the activities.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class CoSigningInboxIT extends ActivityFixture {

    @Test
    void theInboxListsWhatTheCallersAgencyHasYetToConfirmInItsScope() throws Exception {
        String forFront = logged(body(police, List.of(front), TODAY.minusDays(1), "{\"sessions\": 1}"));
        String forWomen = logged(body(police, List.of(women), TODAY.minusDays(2), "{\"sessions\": 1}"));
        String forTeam = logged(body(police, List.of(team), TODAY.minusDays(3), "{\"sessions\": 1}"));
        String confirmed = logged(body(police, List.of(front), TODAY.minusDays(4), "{\"sessions\": 1}"));
        confirm(confirmed, frontOfficer()).andExpect(status().isOk());
        String alone = logged(body(police, List.of(), TODAY.minusDays(5), "{\"sessions\": 1}"));

        assertThat(ids("inbox=true", frontOfficer())).containsExactly(forFront, forWomen);
        var womenOfficer = Callers.officer("women-officer", "FRONT", women);
        assertThat(ids("inbox=true", womenOfficer)).as("the committee's side lies above the union").containsExactly(forWomen);
        assertThat(ids("inbox=true", teamLeader())).containsExactly(forTeam);
        assertThat(ids("inbox=true", policeOfficer())).as("the police side confirmed by logging").isEmpty();
        assertThat(ids("inbox=true", Callers.officer("no-agency", null, commune))).as("no agency, nothing to confirm").isEmpty();

        // awaiting=<agency>: any side of that agency, wherever it lies (the logging side follows its activities)
        assertThat(ids("awaiting=FRONT", policeOfficer())).containsExactly(forFront, forWomen);
        assertThat(ids("awaiting=OTHER", policeOfficer())).containsExactly(forTeam);
        assertThat(ids("awaiting=FRONT", teamLeader())).as("still only what the caller sees").isEmpty();

        // the Front corrects a police activity: now the police side waits, and every co-unit confirms again
        postJson("/api/v1/activities/" + forFront + "/corrections", "{\"metrics\": {\"sessions\": 2}, \"reason\": \"hai buổi\"}",
                Callers.officer("commune-front", "FRONT", commune)).andExpect(status().isCreated());
        assertThat(ids("inbox=true", policeOfficer())).containsExactly(forFront);
        assertThat(ids("inbox=true", frontOfficer())).containsExactly(forFront, forWomen);

        assertThat(ids("status=SUBMITTED&status=CONFIRMED", communeOfficer())).containsExactly(confirmed, alone);
        assertThat(ids("corrected=true", communeOfficer())).containsExactly(forFront);
        assertThat(ids("corrected=true&awaiting=POLICE", communeOfficer())).containsExactly(forFront);
    }

    @Test
    void unitNamesComeWithTheActivityEvenForCoUnitsOutsideTheReadersScope() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        mvc.perform(get("/api/v1/activities/" + id).with(frontOfficer())).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.unitNames." + police).value(org.hamcrest.Matchers.startsWith("Đơn vị PO-")))
                .andExpect(jsonPath("$.unitNames." + front).value(org.hamcrest.Matchers.startsWith("Đơn vị FR-")))
                .andExpect(jsonPath("$.unitNames." + commune).doesNotExist());
        mvc.perform(get("/api/v1/activities?inbox=true&programId=" + program).with(frontOfficer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.unitNames." + police).value(org.hamcrest.Matchers.startsWith("Đơn vị PO-")));
    }

    @Test
    void badFiltersAreBadRequests() throws Exception {
        assertProblem(read("/api/v1/activities?awaiting=ARMY"), 400);
        assertProblem(read("/api/v1/activities?awaiting=%24ne"), 400);
        assertProblem(read("/api/v1/activities?corrected=maybe"), 400);
        assertProblem(read("/api/v1/activities?inbox=%7B%7D"), 400);
        assertProblem(read("/api/v1/activities?inbox=true&awaiting=FRONT"), 400);
        assertProblem(read("/api/v1/activities?status=CONFIRMED&status=DELETED"), 400);
        assertProblem(read("/api/v1/activities?status=CONFIRMED&status=SUBMITTED&status=REJECTED&status=CONFIRMED&status=SUBMITTED"), 400);
    }

    private List<String> ids(String query, RequestPostProcessor caller) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/v1/activities?programId=" + program + "&" + query).with(caller))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.items[*].id");
    }
}
