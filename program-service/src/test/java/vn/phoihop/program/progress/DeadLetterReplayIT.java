package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.Topics;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * An event the projection sets aside is seen (an ERROR line, the health, the admins' list) and, once its cause is
 * fixed, replayed into the projection: counted once, however often it is replayed.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterReplayIT {

    static final String DEAD_LETTERS = "/api/v1/programs/progress/dead-letters";

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void anEventSetAsideIsReportedAndReplayedOnceItsCauseIsFixed(CapturedOutput output) throws Exception {
        var api = new ProgressHarness(mvc);
        String program = api.program("attendees");
        String activity = UUID.randomUUID().toString();
        String eventId = "evt-" + UUID.randomUUID();
        // households is no indicator of the program yet: the event cannot be applied
        kafka.send(Topics.ACTIVITIES, activity, event(eventId, program, activity, "{\"households\": 5, \"attendees\": 2}"))
                .get();

        var dead = TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), activity, 1);
        assertThat(dead).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(l -> l.contains("ERROR") && l.contains("Dead-lettered activities-") && l.contains(eventId)))
                .singleElement().asString().contains("to activities.dlt", "metric households is not a SUM or LATEST indicator"));
        String listed = admin(get(DEAD_LETTERS + "?limit=500"), 200);
        assertThat((Integer) JsonPath.read(listed, "$.pending")).isPositive();
        assertThat(JsonPath.<List<String>>read(listed, "$.items[?(@.eventId == '" + eventId + "')].reason"))
                .singleElement().asString().contains("households");
        assertThat(JsonPath.<List<String>>read(listed, "$.items[?(@.eventId == '" + eventId + "')].from"))
                .singleElement().asString().startsWith("activities-");
        assertThat(admin(get("/actuator/health"), 200)).contains("\"status\":\"DEAD_LETTERS\"");
        assertThat(api.actual(program, null, "", "attendees")).as("nothing of it counted").isEqualTo(0.0);

        mvc.perform(get(DEAD_LETTERS).with(Callers.officer("officer", "POLICE", "u-can-tho"))).andExpect(status().isForbidden());
        mvc.perform(post(DEAD_LETTERS + "/replay").with(Callers.officer("officer", "POLICE", "u-can-tho")))
                .andExpect(status().isForbidden());

        // the cause fixed: the indicator exists now
        admin(post("/api/v1/programs/" + program + "/indicators").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"households\",\"name\":\"Hộ\",\"aggregation\":\"SUM\"}"), 201);
        String replay = admin(post(DEAD_LETTERS + "/replay"), 200);
        assertThat(JsonPath.<List<String>>read(replay, "$.eventIds")).contains(eventId);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.actual(program, null, "", "households")).isEqualTo(5.0));
        assertThat(api.actual(program, null, "", "attendees")).isEqualTo(2.0);

        assertThat(JsonPath.<List<String>>read(admin(post(DEAD_LETTERS + "/replay"), 200), "$.eventIds"))
                .as("nothing pending any more").doesNotContain(eventId);
        assertThat(JsonPath.<List<String>>read(admin(get(DEAD_LETTERS + "?limit=500"), 200), "$.items[*].eventId"))
                .doesNotContain(eventId);
        // the same event delivered once more (a replay whose commit was lost): not newer than what was applied
        kafka.send(Topics.ACTIVITIES, activity, dead.get(0).value()).get();
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.ACTIVITIES, marker, event("evt-" + marker, program, marker, "{\"attendees\": 1}")).get();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.actual(program, null, "", "attendees")).isEqualTo(3.0));
        assertThat(api.actual(program, null, "", "households")).as("counted once").isEqualTo(5.0);
    }

    @Test
    void anEventThatStillCannotBeAppliedIsSetAsideAgainWithTodaysReason() throws Exception {
        String activity = UUID.randomUUID().toString();
        String eventId = "evt-" + UUID.randomUUID();
        kafka.send(Topics.ACTIVITIES, activity, event(eventId, "no-such-program", activity, "{\"attendees\": 2}")).get();
        TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), activity, 1);

        String replay = admin(post(DEAD_LETTERS + "/replay"), 200);
        assertThat((Integer) JsonPath.read(replay, "$.stillUnusable")).isPositive();
        assertThat(JsonPath.<List<String>>read(replay, "$.eventIds")).doesNotContain(eventId);
        String listed = admin(get(DEAD_LETTERS + "?limit=500"), 200);
        assertThat(JsonPath.<List<String>>read(listed, "$.items[?(@.eventId == '" + eventId + "')].reason"))
                .singleElement().asString().contains("program no-such-program is unknown");
        assertThat(TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), activity, 2)).as("set aside again").hasSize(2);
    }

    private String admin(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, int status)
            throws Exception {
        return mvc.perform(request.with(Callers.admin())).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    /** A submitted activity of Ninh Kiều (Cần Thơ) in 2019, as JSON text on the wire. */
    static String event(String eventId, String program, String activityId, String metrics) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/unit-service\","
                + "\"type\":\"activity.submitted.v1\",\"subject\":\"" + activityId + "\",\"time\":\"2026-08-19T02:30:00Z\","
                + "\"datacontenttype\":\"application/json\",\"partitionkey\":\"" + activityId + "\",\"programid\":\"" + program
                + "\",\"unitid\":\"u-ninh-kieu\",\"ancestorids\":\"u-can-tho\",\"data\":{\"activityId\":\"" + activityId
                + "\",\"revision\":1,\"programId\":\"" + program + "\",\"unitId\":\"u-ninh-kieu\",\"ancestorIds\":[\"u-can-tho\"],"
                + "\"coUnitIds\":[],\"type\":\"MEETING\",\"occurredOn\":\"2019-08-19\",\"metrics\":" + metrics + ","
                + "\"status\":\"SUBMITTED\",\"counts\":true,\"version\":1,\"reason\":null}}";
    }
}
