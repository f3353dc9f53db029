package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** Corrections make revisions; the old ones stay readable; stale ones are refused. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class CorrectionsIT extends ActivityFixture {

    @Test
    void aCorrectionIsANewRevisionWithItsReasonAndTheOldOneStaysReadable() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 3, \"attendees\": 120}"));

        correct(id, "{\"metrics\": {\"sessions\": 3, \"attendees\": 95}, \"reason\": \"Đếm lại theo danh sách ký tên\","
                + " \"expectedRevision\": 1}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/activities/" + id + "/revisions"))
                .andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.metrics.attendees").value(95.0))
                .andExpect(jsonPath("$.status").value("SUBMITTED"));

        read("/api/v1/activities/" + id + "/revisions").andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].revision").value(1))
                .andExpect(jsonPath("$.items[0].metrics.attendees").value(120.0))
                .andExpect(jsonPath("$.items[0].reason").doesNotExist())
                .andExpect(jsonPath("$.items[1].metrics.attendees").value(95.0))
                .andExpect(jsonPath("$.items[1].reason").value("Đếm lại theo danh sách ký tên"))
                .andExpect(jsonPath("$.items[1].by").value("police-officer"));

        ActivityState corrected = EventCodec.data(EventCodec.decode(TopicProbe.byKey(Topics.ACTIVITIES, id, 2).get(1).value()),
                ActivityState.class);
        assertThat(corrected.revision()).isEqualTo(2);
        assertThat(corrected.version()).isEqualTo(2);
        assertThat(corrected.counts()).isTrue();
        assertThat(corrected.metrics()).containsEntry("attendees", new java.math.BigDecimal("95"));
        assertThat(corrected.reason()).isEqualTo("Đếm lại theo danh sách ký tên");
    }

    @Test
    void aCorrectionToAStaleRevisionIsAConflict() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 3}"));
        correct(id, "{\"metrics\": {\"sessions\": 4}, \"reason\": \"thêm một buổi\", \"expectedRevision\": 1}")
                .andExpect(status().isCreated());
        assertProblem(correct(id, "{\"metrics\": {\"sessions\": 5}, \"reason\": \"sửa lại\", \"expectedRevision\": 1}"), 409);
        read("/api/v1/activities/" + id).andExpect(jsonPath("$.revision").value(2))
                .andExpect(jsonPath("$.metrics.sessions").value(4.0));
    }

    @Test
    void aWithdrawalIsACorrectionToZeroAndNothingIsDeleted() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 3}"));
        correct(id, "{\"metrics\": {\"sessions\": 0}, \"reason\": \"Ghi nhầm chương trình\"}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.metrics.sessions").value(0.0));
        read("/api/v1/activities/" + id).andExpect(status().isOk()).andExpect(jsonPath("$.revision").value(2));
        read("/api/v1/activities/" + id + "/revisions").andExpect(jsonPath("$.items[0].metrics.sessions").value(3.0));
    }

    @Test
    void everyCorrectionOfAConfirmedJointActivityAsksTheCoUnitsAgain() throws Exception {
        String id = logged(body(police, List.of(front), "{\"sessions\": 3}"));
        confirm(id, frontOfficer()).andExpect(status().isOk());

        correct(id, "{\"metrics\": {\"sessions\": 2}, \"reason\": \"một buổi bị hoãn\"}")
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.counts").value(false))
                .andExpect(jsonPath("$.coUnits[0].confirmedBy").doesNotExist());
        confirm(id, frontOfficer()).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.version").value(4));
    }

    @Test
    void badCorrectionsAreRefusedAndChangeNothing() throws Exception {
        String id = logged(body(police, List.of(), "{\"sessions\": 3}"));
        assertProblem(correct(id, "{\"metrics\": {\"sessions\": 4}}"), 400);
        assertProblem(correct(id, "{\"metrics\": {\"sessions\": -1}, \"reason\": \"r\"}"), 400);
        assertProblem(correct(id, "{\"metrics\": {\"$set\": 1}, \"reason\": \"r\"}"), 400);
        assertProblem(correct(id, "{\"metrics\": {\"sessions\": 1}, \"reason\": \"r\", \"status\": \"CONFIRMED\"}"), 400);
        assertProblem(correct(id, "{\"metrics\": {\"unknownIndicator\": 1}, \"reason\": \"r\"}"), 422);
        assertProblem(correct("no-such-activity", "{\"metrics\": {\"sessions\": 1}, \"reason\": \"r\"}"), 404);
        assertThat(version(id)).isEqualTo(1);
    }

    private org.springframework.test.web.servlet.ResultActions correct(String id, String body) throws Exception {
        return postJson("/api/v1/activities/" + id + "/corrections", body, policeOfficer());
    }
}
