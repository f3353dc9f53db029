package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.WithInfrastructure;

/** Once a program enrols units, only they and their subtrees log activities under it, co-units included. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class EnrolmentIT extends ActivityFixture {

    @Test
    void onlyEnrolledUnitsAndTheirSubtreesTakePart() throws Exception {
        enrol(3, police);
        postJson("/api/v1/activities", body(police, List.of(), "{\"sessions\": 1}"), policeOfficer())
                .andExpect(status().isCreated());
        assertProblem(postJson("/api/v1/activities", body(team, List.of(), "{\"sessions\": 1}"), teamLeader()), 422);
        postJson("/api/v1/activities", body(police, List.of(front), "{\"sessions\": 1}"), policeOfficer())
                .andExpect(status().is(422)).andExpect(jsonPath("$.errors[0].field").value("coUnitIds"));
        assertThat(storedFor(program)).isEqualTo(1);

        enrol(4, commune);
        postJson("/api/v1/activities", body(team, List.of(), "{\"sessions\": 1}"), teamLeader()).andExpect(status().isCreated());
        postJson("/api/v1/activities", body(police, List.of(women), "{\"sessions\": 1}"), policeOfficer())
                .andExpect(status().isCreated());
    }

    private void enrol(long version, String unit) throws Exception {
        publishProgram(program, version, "ACTIVE", List.of(unit));
        await().atMost(Duration.ofSeconds(20)).until(() -> views.find(program).orElseThrow().enrolledUnitIds().contains(unit));
    }
}
