package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** Two-agency confirmation: who may confirm or reject a joint activity, and what each step publishes. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class JointConfirmationIT extends ActivityFixture {

    @Test
    void aJointActivityCountsOnlyOnceTheCoUnitsAgencyConfirmedAndKeepsWhoDid() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 2}"));
        read("/api/v1/activities/" + id).andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.counts").value(false))
                .andExpect(jsonPath("$.coUnits[0].agency").value("FRONT"))
                .andExpect(jsonPath("$.coUnits[0].confirmedBy").doesNotExist());

        confirm(id, frontOfficer()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.counts").value(true))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.coUnits[0].confirmedBy").value("front-officer"))
                .andExpect(jsonPath("$.coUnits[0].confirmedAt").isNotEmpty());

        List<CloudEvent> events = TopicProbe.byKey(Topics.ACTIVITIES, id, 2).stream()
                .map(r -> EventCodec.decode(r.value())).toList();
        assertThat(events).extracting(CloudEvent::type).containsExactly("activity.submitted.v1", "activity.confirmed.v1");
        ActivityState confirmed = EventCodec.data(events.get(1), ActivityState.class);
        assertThat(confirmed.counts()).isTrue();
        assertThat(confirmed.version()).isEqualTo(2);
        assertThat(confirmed.ancestorIds()).containsExactly(province, commune);
        assertThat(events.get(1).programid()).isEqualTo(program);
        assertThat(events).allSatisfy(event -> assertThat(event.scopeUnitIds())
                .as("the co-unit's principals see the joint activity on the stream").contains(police, front));
    }

    @Test
    void everyCoUnitsAgencyMustConfirmBeforeItCounts() throws Exception {
        String id = logged(body(police, List.of(front, team), "{\"sessions\": 1}"));

        confirm(id, frontOfficer()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.counts").value(false));
        confirm(id, teamLeader()).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.coUnits[1].agency").value("OTHER"))
                .andExpect(jsonPath("$.coUnits[1].confirmedBy").value("team-leader"))
                .andExpect(jsonPath("$.version").value(3));
    }

    @Test
    void confirmingTwiceIsAConflictAndChangesNothing() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        confirm(id, frontOfficer()).andExpect(status().isOk());
        assertProblem(confirm(id, frontOfficer()), 409);
        assertProblem(confirm(id, Callers.officer("another-front-officer", "FRONT", front)), 409);
        assertThat(version(id)).isEqualTo(2);
    }

    @Test
    void aPolicePrincipalCannotConfirmForTheFront() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        assertProblem(confirm(id, Callers.officer("other-police-officer", "POLICE", commune)), 403);
        assertProblem(confirm(id, Callers.officer("front-elsewhere", "FRONT", team)), 404); // Front, but sees neither unit
        assertProblem(confirm(id, Callers.admin()), 403); // a token without an agency
        assertThat(version(id)).isEqualTo(1);
    }

    @Test
    void whoeverLoggedAJointActivityCannotConfirmIt() throws Exception {
        String id = id(postJson("/api/v1/activities", body(front, List.of(women), "{\"sessions\": 1}"), frontOfficer())
                .andExpect(status().isCreated()));
        assertProblem(confirm(id, frontOfficer()), 403);
        confirm(id, Callers.officer("women-union-officer", "FRONT", women)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIRMED"));
    }

    @Test
    void aRejectionNeedsAReasonAndEndsTheActivity() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        assertProblem(postJson("/api/v1/activities/" + id + "/reject", "{}", frontOfficer()), 400);
        assertProblem(postJson("/api/v1/activities/" + id + "/reject", "{\"reason\": \"  \"}", frontOfficer()), 400);
        assertThat(version(id)).isEqualTo(1);

        postJson("/api/v1/activities/" + id + "/reject", "{\"reason\": \"Mặt trận không tham gia buổi này\"}", frontOfficer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.counts").value(false))
                .andExpect(jsonPath("$.rejection.reason").value("Mặt trận không tham gia buổi này"))
                .andExpect(jsonPath("$.rejection.rejectedBy").value("front-officer"))
                .andExpect(jsonPath("$.rejection.agency").value("FRONT"));

        assertProblem(confirm(id, frontOfficer()), 409);
        assertProblem(postJson("/api/v1/activities/" + id + "/corrections", "{\"metrics\": {\"sessions\": 2}, \"reason\": \"x\"}",
                policeOfficer()), 409);
        assertThat(version(id)).isEqualTo(2);
        ActivityState rejected = EventCodec.data(EventCodec.decode(TopicProbe.byKey(Topics.ACTIVITIES, id, 2).get(1).value()),
                ActivityState.class);
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.reason()).isEqualTo("Mặt trận không tham gia buổi này");
    }

    @Test
    void anActivityWithoutCoUnitsHasNothingToConfirm() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 1}"));
        assertProblem(confirm(id, Callers.officer("commune-front", "FRONT", commune)), 409);
        assertProblem(confirm(id, frontOfficer()), 404); // the Front committee does not see the police's own activity
        assertProblem(confirm("no-such-activity", frontOfficer()), 404);
    }

    @Test
    void ofConcurrentConfirmationsForOneAgencyExactlyOneWins() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 1}"));
        var attempts = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 6; i++) {
            String subject = "front-officer-" + i;
            attempts.add(() -> confirm(id, Callers.officer(subject, "FRONT", front)).andReturn().getResponse().getStatus());
        }
        var pool = Executors.newFixedThreadPool(6);
        try {
            var statuses = new ArrayList<Integer>();
            for (var f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        } finally {
            pool.shutdown();
        }
        assertThat(version(id)).isEqualTo(2);
    }
}
