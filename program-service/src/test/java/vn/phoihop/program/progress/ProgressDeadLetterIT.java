package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** An activity event that cannot be applied goes to {@code activities.dlt} with the reason; the next one is applied. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressDeadLetterIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON          | not a CloudEvent",
            "no data           | not a CloudEvent",
            "unknown program   | program nope-program is unknown",
            "negative figure   | metric attendees must be a number from 0 to 1000000000 with at most 3 decimals, not -5.0",
            "unknown indicator | metric households is not a SUM or LATEST indicator",
            "no date           | occurredOn and metrics are required",
            "version zero      | version must be at least 1"})
    void goesToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn(String fault, String reason)
            throws Exception {
        var api = new ProgressHarness(mvc);
        String program = api.program("attendees");
        String activityId = UUID.randomUUID().toString();
        String good = event(program, activityId, 1);
        String bad = switch (fault) {
            case "not JSON" -> "not JSON at all";
            case "no data" -> good.substring(0, good.indexOf("\"data\":{")) + "\"data\":{";
            case "unknown program" -> good.replace("\"programId\":\"" + program + "\"", "\"programId\":\"nope-program\"");
            case "negative figure" -> good.replace("\"attendees\":5.0", "\"attendees\":-5.0");
            case "unknown indicator" -> good.replace("\"attendees\":5.0", "\"households\":5.0");
            case "no date" -> good.replace("\"occurredOn\":\"2019-08-19\",", "");
            default -> good.replace("\"version\":1", "\"version\":0");
        };
        assertThat(bad).as("the fault was put in").isNotEqualTo(good);

        kafka.send(Topics.ACTIVITIES, activityId, bad).get();
        kafka.send(Topics.ACTIVITIES, activityId, event(program, activityId, 2)).get(); // same key: same partition, after it

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.actual(program, ActivityPublisher.CAN_THO, "", "attendees")).isEqualTo(7.0));
        var dead = TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), activityId, 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(bad);
        var header = dead.get(0).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).contains(reason);
    }

    /** A valid event of the activity at {@code version}: 5 attendees, then 7 from the correction. */
    private static String event(String program, String activityId, int version) {
        var state = new ActivityState(activityId, version, program, "u-ninh-kieu", List.of(ActivityPublisher.CAN_THO),
                List.of(), "MEETING", LocalDate.of(2019, 8, 19), TestFigures.of(Map.of("attendees", version == 1 ? 5.0 : 7.0)),
                "SUBMITTED", true, version, version == 1 ? null : "Đếm lại");
        var type = version == 1 ? EventTypes.ACTIVITY_SUBMITTED : EventTypes.ACTIVITY_CORRECTED;
        return EventCodec.encode(new EventCodec("/unit-service", Clock.systemUTC()).create(type, activityId, activityId,
                program, List.of(ActivityPublisher.CAN_THO, "u-ninh-kieu"), state));
    }
}
