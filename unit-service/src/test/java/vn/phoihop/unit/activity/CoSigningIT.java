package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Co-signing after a correction: a revision counts only once every agency involved (the logging unit's and each
 * co-unit's) has confirmed it, whichever agency corrected it and in whichever order the steps come.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class CoSigningIT extends ActivityFixture {

    /** A Front officer of the province: its scope holds the police unit too, so it may correct the police's activity. */
    RequestPostProcessor provincialFrontOfficer() {
        return Callers.officer("front-province", "FRONT", province);
    }

    @Test
    void aFrontCorrectionOfAPoliceActivityCountsOnlyOnceThePoliceConfirmIt() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));

        correct(id, "{\"metrics\": {\"sessions\": 100}, \"reason\": \"bổ sung\", \"expectedRevision\": 1}",
                provincialFrontOfficer()).andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.counts").value(false));
        confirm(id, provincialFrontOfficer()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.counts").value(false))
                .andExpect(jsonPath("$.coUnits[0].confirmedBy").value("front-province"))
                .andExpect(jsonPath("$.loggingUnit.agency").value("POLICE"))
                .andExpect(jsonPath("$.loggingUnit.confirmedBy").doesNotExist());

        confirm(id, policeOfficer()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.counts").value(true))
                .andExpect(jsonPath("$.metrics.sessions").value(100.0))
                .andExpect(jsonPath("$.loggingUnit.confirmedBy").value("police-officer"));

        List<ActivityState> states = states(id, 4);
        assertThat(states).extracting(ActivityState::counts).containsExactly(false, false, false, true);
        assertThat(states.get(3).metrics().get("sessions")).isEqualByComparingTo("100");
    }

    @Test
    void theLoggingAgencysCorrectionBeforeAnyConfirmationWaitsForTheCoUnit() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        correct(id, "{\"metrics\": {\"sessions\": 2}, \"reason\": \"đếm lại\"}", policeOfficer())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.loggingUnit.confirmedBy").value("police-officer"));
        confirm(id, frontOfficer()).andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.metrics.sessions").value(2.0));
    }

    @Test
    void aCorrectionAfterOneSideConfirmedReopensThatSide() throws Exception {
        String id = logged(body(police, List.of(front, team), "{\"sessions\": 1}"));
        confirm(id, frontOfficer()).andExpect(jsonPath("$.coUnits[0].confirmedBy").value("front-officer"));

        correct(id, "{\"metrics\": {\"sessions\": 1, \"attendees\": 40}, \"reason\": \"thêm số người\"}", policeOfficer())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.coUnits[0].confirmedBy").doesNotExist());
        confirm(id, teamLeader()).andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"));
        confirm(id, frontOfficer()).andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.counts").value(true));
    }

    @Test
    void anyCorrectionOfACountedJointActivityTakesItOutOfTheCountUntilReconfirmed() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 3}"));
        confirm(id, frontOfficer()).andExpect(jsonPath("$.counts").value(true));

        for (String metrics : List.of("{\"sessions\": 2}", "{\"sessions\": 5}")) { // lower, then higher
            correct(id, "{\"metrics\": " + metrics + ", \"reason\": \"sửa\"}", policeOfficer())
                    .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                    .andExpect(jsonPath("$.counts").value(false));
        }
        correct(id, "{\"metrics\": {\"sessions\": 9}, \"reason\": \"sửa\"}", provincialFrontOfficer())
                .andExpect(jsonPath("$.counts").value(false));
        confirm(id, frontOfficer()).andExpect(jsonPath("$.counts").value(false));
        confirm(id, policeOfficer()).andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.metrics.sessions").value(9.0));
        assertThat(states(id, 7)).extracting(ActivityState::counts)
                .containsExactly(false, true, false, false, false, false, true);
    }

    @Test
    void aConfirmationOrRejectionOfAStaleRevisionIsAConflictAndChangesNothing() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        correct(id, "{\"metrics\": {\"sessions\": 7}, \"reason\": \"sửa\"}", policeOfficer()).andExpect(status().isCreated());

        assertProblem(postJson("/api/v1/activities/" + id + "/confirm", "{\"expectedRevision\": 1}", frontOfficer()), 409);
        assertProblem(postJson("/api/v1/activities/" + id + "/reject", "{\"reason\": \"không\", \"expectedRevision\": 1}",
                frontOfficer()), 409);
        assertProblem(postJson("/api/v1/activities/" + id + "/confirm", "{\"expectedRevision\": 0}", frontOfficer()), 400);
        assertProblem(postJson("/api/v1/activities/" + id + "/confirm", "{\"revision\": 2}", frontOfficer()), 400);
        assertThat(version(id)).isEqualTo(2);

        postJson("/api/v1/activities/" + id + "/confirm", "{\"expectedRevision\": 2}", frontOfficer())
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.metrics.sessions").value(7.0));
    }

    @Test
    void anotherAgencysCorrectionOfAnActivityWithoutCoUnitsWaitsForTheLoggingAgency() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 1}"));
        correct(id, "{\"metrics\": {\"sessions\": 50}, \"reason\": \"bổ sung\"}", provincialFrontOfficer())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.counts").value(false));
        assertProblem(confirm(id, provincialFrontOfficer()), 403);

        confirm(id, policeOfficer()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.counts").value(true));
        correct(id, "{\"metrics\": {\"sessions\": 2}, \"reason\": \"đếm lại\"}", policeOfficer())
                .andExpect(jsonPath("$.status").value("SUBMITTED")); // its own agency: counts at once, as when logged
    }

    @Test
    void whoeverCorrectedSpeaksForOneSideOnly() throws Exception {
        String id = id(postJson("/api/v1/activities", body(front, List.of(women), "{\"sessions\": 1}"), frontOfficer())
                .andExpect(status().isCreated()));
        confirm(id, Callers.officer("women-union-officer", "FRONT", women)).andExpect(jsonPath("$.counts").value(true));

        correct(id, "{\"metrics\": {\"sessions\": 4}, \"reason\": \"sửa\"}", provincialFrontOfficer())
                .andExpect(jsonPath("$.loggingUnit.confirmedBy").value("front-province"))
                .andExpect(jsonPath("$.counts").value(false));
        assertProblem(confirm(id, provincialFrontOfficer()), 403); // it confirmed the logging unit's side already
        confirm(id, Callers.officer("women-union-officer", "FRONT", women)).andExpect(jsonPath("$.counts").value(true));
    }

    @Test
    void theLoggingAgencyMayRejectAnotherAgencysRevision() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        correct(id, "{\"metrics\": {\"sessions\": 100}, \"reason\": \"bổ sung\"}", provincialFrontOfficer())
                .andExpect(status().isCreated());
        postJson("/api/v1/activities/" + id + "/reject", "{\"reason\": \"Công an không xác nhận số này\"}", policeOfficer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.rejection.agency").value("POLICE"));
    }

    @Test
    void anActivityStoredBeforeTheLoggingUnitHadASideGetsTheAgencyOfItsUnitsKind() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        database.getCollection("activities").updateOne(new org.bson.Document("_id", id),
                new org.bson.Document("$unset", new org.bson.Document("loggingUnit", "")));
        read("/api/v1/activities/" + id).andExpect(jsonPath("$.loggingUnit").doesNotExist());

        correct(id, "{\"metrics\": {\"sessions\": 100}, \"reason\": \"bổ sung\"}", provincialFrontOfficer())
                .andExpect(jsonPath("$.loggingUnit.agency").value("POLICE"))
                .andExpect(jsonPath("$.loggingUnit.confirmedBy").doesNotExist());
        confirm(id, frontOfficer()).andExpect(jsonPath("$.counts").value(false));
        confirm(id, policeOfficer()).andExpect(jsonPath("$.counts").value(true));
    }

    private ResultActions correct(String id, String body, RequestPostProcessor caller) throws Exception {
        return postJson("/api/v1/activities/" + id + "/corrections", body, caller);
    }

    private static List<ActivityState> states(String id, int count) {
        return TopicProbe.byKey(Topics.ACTIVITIES, id, count).stream()
                .map(r -> EventCodec.data(EventCodec.decode(r.value()), ActivityState.class)).toList();
    }
}
