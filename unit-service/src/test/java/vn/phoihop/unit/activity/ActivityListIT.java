package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.WithInfrastructure;

/** The activity list: each filter, the subtree through stored ancestors, cursor pages. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ActivityListIT extends ActivityFixture {

    @Test
    void filtersCombineAndUnitIdMeansTheSubtreeOfTheUnitOrACoUnit() throws Exception {
        String byPolice = logged(body(police, List.of(), TODAY.minusDays(3), "{\"sessions\": 1}"));
        String joint = logged(body(police, List.of(front), TODAY.minusDays(2), "{\"sessions\": 1}"));
        String byTeam = id(postJson("/api/v1/activities", body(team, List.of(), TODAY.minusDays(1), "{\"sessions\": 1}")
                .replace("PROPAGANDA_SESSION", "PATROL"), teamLeader()).andExpect(status().isCreated()));

        assertThat(ids("programId=" + program)).containsExactly(byTeam, joint, byPolice);
        assertThat(ids("programId=" + program + "&unitId=" + province)).containsExactly(byTeam, joint, byPolice);
        assertThat(ids("programId=" + program + "&unitId=" + police)).containsExactly(joint, byPolice);
        assertThat(ids("programId=" + program + "&unitId=" + front)).containsExactly(joint);
        assertThat(ids("programId=" + program + "&unitId=" + women)).isEmpty();
        assertThat(ids("programId=" + program + "&type=PATROL")).containsExactly(byTeam);
        assertThat(ids("programId=" + program + "&status=AWAITING_CONFIRMATION")).containsExactly(joint);
        assertThat(ids("programId=" + program + "&from=" + TODAY.minusDays(2) + "&to=" + TODAY.minusDays(2))).containsExactly(joint);
        assertThat(ids("programId=" + program + "&from=" + TODAY.minusDays(2))).containsExactly(byTeam, joint);
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() throws Exception {
        var logged = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            logged.add(logged(body(police, List.of(), TODAY.minusDays(i % 2), "{\"sessions\": 1}")));
        }
        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            String json = read("/api/v1/activities?programId=" + program + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            seen.addAll(JsonPath.read(json, "$.items[*].id"));
            cursor = JsonPath.read(json, "$.nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(logged).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 3)).containsExactlyInAnyOrder(logged.get(0), logged.get(2), logged.get(4)); // today first
    }

    @Test
    void badParametersAreBadRequests() throws Exception {
        assertProblem(read("/api/v1/activities?cursor=bm90LWEtY3Vyc29y"), 400);
        assertProblem(read("/api/v1/activities?limit=501"), 400);
        assertProblem(read("/api/v1/activities?status=DELETED"), 400);
        assertProblem(read("/api/v1/activities?from=" + TODAY + "&to=" + TODAY.minusDays(1)), 400);
        assertProblem(read("/api/v1/activities?unitId=%24ne"), 400);
        assertProblem(read("/api/v1/activities/no-such-activity/revisions"), 404);
    }

    private List<String> ids(String query) throws Exception {
        return JsonPath.read(read("/api/v1/activities?" + query).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.items[*].id");
    }
}
