package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/** Retries are safe: an Idempotency-Key or a client id gives the same answer once; another body under it is 409. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class IdempotencyIT extends ActivityFixture {

    static final String ACTIVITIES = "/api/v1/activities";

    @Test
    void theSameKeyAndBodyLogOnceAndAnswerTheSame() throws Exception {
        String body = body(police, List.of(), "{\"sessions\": 2}");
        String first = id(postJson(ACTIVITIES, body, policeOfficer(), "offline-42").andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed")));
        String again = id(postJson(ACTIVITIES, body, policeOfficer(), "offline-42").andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.revision").value(1)));
        assertThat(again).isEqualTo(first);
        assertThat(storedFor(program)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflictAndStoresNothing() throws Exception {
        postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 2}"), policeOfficer(), "offline-43")
                .andExpect(status().isCreated());
        assertProblem(postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 3}"), policeOfficer(), "offline-43"), 409);
        assertThat(storedFor(program)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirCaller() throws Exception {
        String body = body(police, List.of(), "{\"sessions\": 2}");
        String mine = id(postJson(ACTIVITIES, body, policeOfficer(), "k-1").andExpect(status().isCreated()));
        String theirs = id(postJson(ACTIVITIES, body, communeOfficer(), "k-1").andExpect(status().isCreated()));
        assertThat(theirs).isNotEqualTo(mine);
        assertThat(storedFor(program)).isEqualTo(2);
    }

    @Test
    void aClientGeneratedIdMakesARetrySafe() throws Exception {
        String clientId = "device7-" + program.substring(4, 20);
        String body = body(police, List.of(), "{\"sessions\": 1}").replace("{\"programId\"", "{\"id\":\"" + clientId + "\",\"programId\"");
        postJson(ACTIVITIES, body, policeOfficer()).andExpect(status().isCreated()).andExpect(jsonPath("$.id").value(clientId));
        postJson(ACTIVITIES, body, policeOfficer()).andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        assertProblem(postJson(ACTIVITIES, body.replace("\"sessions\": 1", "\"sessions\": 9"), policeOfficer()), 409);
        assertThat(storedFor(program)).isEqualTo(1);
        read(ACTIVITIES + "/" + clientId).andExpect(jsonPath("$.metrics.sessions").value(1.0));
    }

    @Test
    void aRepeatedConfirmationOrCorrectionWithItsKeyChangesNothingMore() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        for (int i = 0; i < 2; i++) {
            postJson(ACTIVITIES + "/" + id + "/confirm", "{}", frontOfficer(), "confirm-1").andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("CONFIRMED")).andExpect(jsonPath("$.version").value(2));
        }
        assertProblem(postJson(ACTIVITIES + "/" + id + "/reject", "{\"reason\": \"không\"}", frontOfficer(), "confirm-1"), 409);

        String correction = "{\"metrics\": {\"sessions\": 0.5}, \"reason\": \"nửa buổi\", \"expectedRevision\": 1}";
        for (int i = 0; i < 2; i++) {
            postJson(ACTIVITIES + "/" + id + "/corrections", correction, policeOfficer(), "fix-1")
                    .andExpect(status().isCreated()).andExpect(jsonPath("$.revision").value(2));
        }
        read(ACTIVITIES + "/" + id + "/revisions").andExpect(jsonPath("$.items.length()").value(2));
        assertThat(version(id)).isEqualTo(3);
    }

    @Test
    void aKeyThatIsNotOneOfLettersDigitsAndDashesIsRefused() throws Exception {
        assertProblem(postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 1}"), policeOfficer(), "$where"), 400);
        assertProblem(postJson(ACTIVITIES, body(police, List.of(), "{\"sessions\": 1}"), Callers.admin(), "a.b"), 400);
        assertThat(storedFor(program)).isZero();
    }
}
