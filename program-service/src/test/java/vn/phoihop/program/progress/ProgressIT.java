package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import vn.phoihop.program.TestFigures;
import vn.phoihop.testsupport.Callers;


import com.jayway.jsonpath.JsonPath;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** Progress from activity events on the real topic: roll-up, periods, and exactly-once in effect. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressIT {

    static final String PROVINCE = "u-can-tho";
    static final String NINH_KIEU = "u-ninh-kieu";
    static final String CAI_RANG = "u-cai-rang";

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ProgressProjector projector;
    @Autowired
    vn.phoihop.program.progress.mongo.ProgressGenerations generations;

    String program;

    @BeforeEach
    void programWithIndicators() throws Exception {
        program = JsonPath.read(mvc.perform(post("/api/v1/programs").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"P-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"title\":\"Chương trình 09\","
                        + "\"kind\":\"COORDINATION_PROGRAM\",\"startsOn\":\"2013-01-01\",\"endsOn\":\"2033-12-31\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
        for (String indicator : List.of(
                "{\"code\":\"households\",\"name\":\"Hộ gia đình\",\"aggregation\":\"SUM\"}",
                "{\"code\":\"recognised\",\"name\":\"Hộ đạt danh hiệu\",\"aggregation\":\"SUM\"}",
                "{\"code\":\"recognisedShare\",\"name\":\"Tỉ lệ hộ đạt\",\"aggregation\":\"RATIO\",\"numeratorCode\":\"recognised\",\"denominatorCode\":\"households\"}")) {
            mvc.perform(post("/api/v1/programs/" + program + "/indicators").with(Callers.admin())
                    .contentType(MediaType.APPLICATION_JSON).content(indicator)).andExpect(status().isCreated());
        }
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theConsumerLogsUnderTheRequestIdTheEventCarries(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        String id = UUID.randomUUID().toString();
        var data = new ActivityState(id, 1, program, NINH_KIEU, List.of(PROVINCE), List.of(), "MEETING",
                LocalDate.of(2020, 5, 5), TestFigures.of(Map.of("households", 1.0)), "SUBMITTED", true);
        var event = new EventCodec("/unit-service", Clock.systemUTC()).create(EventTypes.ACTIVITY_SUBMITTED, id, id,
                program, List.of(PROVINCE, NINH_KIEU), data);
        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, String>(Topics.ACTIVITIES, id,
                EventCodec.encode(event));
        record.headers().add("x-request-id", "req-from-gateway-7".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        kafka.send(record).get();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(output.getAll().lines().filter(line -> line.contains("Activity " + id + " counted")))
                        .singleElement().asString().contains("[req-from-gateway-7]"));
    }

    @Test
    void figuresRollUpToEveryAncestorAndTheProgramAndSplitByPeriod() throws Exception {
        send(NINH_KIEU, LocalDate.of(2016, 3, 5), Map.of("households", 100_000.0, "recognised", 95_000.0), true);
        send(CAI_RANG, LocalDate.of(2016, 11, 20), Map.of("households", 168_031.0, "recognised", 159_991.0), true);
        send(CAI_RANG, LocalDate.of(2016, 12, 1), Map.of("recognised", 50_000.0), false); // awaiting confirmation

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(actual(null, "", "households")).isEqualTo(268_031.0));
        assertThat(actual(null, "", "recognised")).isEqualTo(254_991.0);
        assertThat(actual(null, "", "recognisedShare")).isCloseTo(0.951, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(actual(PROVINCE, "", "recognised")).isEqualTo(254_991.0);
        assertThat(actual(NINH_KIEU, "", "recognised")).isEqualTo(95_000.0);
        assertThat(actual(CAI_RANG, "", "households")).isEqualTo(168_031.0);
        assertThat(actual(PROVINCE, "&from=2016-06-01&to=2016-12-31", "households")).isEqualTo(168_031.0);
        assertThat(actual(PROVINCE, "&from=2016-03-05&to=2016-03-05", "households")).isEqualTo(100_000.0);
        assertThat(actual(PROVINCE, "&from=2017-01-01&to=2017-12-31", "households")).isEqualTo(0.0);
    }

    @Test
    void redeliveryReplayAndDuplicatePublishingChangeNothing() throws Exception {
        String activityId = send(NINH_KIEU, LocalDate.of(2019, 8, 19), Map.of("households", 7.0), true);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(actual(null, "", "households")).isEqualTo(7.0));
        ConsumerRecord<String, String> record = TopicProbe.byKey(Topics.ACTIVITIES, activityId, 1).get(0);

        int generation = generations.load().current();
        projector.apply(record, generation); // redelivered after the commit was lost
        projector.apply(new ConsumerRecord<>(record.topic(), record.partition(), record.offset() + 1_000, record.key(),
                record.value()), generation); // the relay published it twice
        for (var replayed : TopicProbe.read(Topics.ACTIVITIES, rs -> rs.size() >= 1)) {
            try {
                projector.apply(replayed, generation); // the whole topic replayed from offset 0
            } catch (vn.phoihop.events.MalformedEventException deadLettered) {
                // other tests' bad events: the live consumer dead-lettered them too
            }
        }

        assertThat(actual(null, "", "households")).isEqualTo(7.0);
        assertThat(actual(PROVINCE, "", "households")).isEqualTo(7.0);
        assertThat(actual(NINH_KIEU, "&from=2019-08-19&to=2019-08-19", "households")).isEqualTo(7.0);
    }

    @Test
    void badProgressQueriesAreProblems() throws Exception {
        mvc.perform(get("/api/v1/programs/" + program + "/progress?from=2020-02-01&to=2020-01-01").with(Callers.admin()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/programs/" + program + "/progress?from=yesterday").with(Callers.admin()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/programs/" + program + "/progress?unitId=$ne").with(Callers.admin()))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/programs/no-such-program/progress").with(Callers.admin())).andExpect(status().isNotFound());
    }

    private String send(String unit, LocalDate on, Map<String, ? extends Number> metrics, boolean counts) throws Exception {
        String id = UUID.randomUUID().toString();
        List<String> ancestors = unit.equals(PROVINCE) ? List.of() : List.of(PROVINCE);
        var data = new ActivityState(id, 1, program, unit, ancestors, List.of(), "RECOGNITION", on, TestFigures.of(metrics),
                counts ? "SUBMITTED" : "AWAITING_CONFIRMATION", counts);
        var path = new java.util.ArrayList<>(ancestors);
        path.add(unit);
        var event = new EventCodec("/unit-service", Clock.systemUTC()).create(EventTypes.ACTIVITY_SUBMITTED, id, id,
                program, path, data);
        kafka.send(Topics.ACTIVITIES, id, EventCodec.encode(event)).get();
        return id;
    }

    private Double actual(String unit, String range, String code) throws Exception {
        String json = mvc.perform(get("/api/v1/programs/" + program + "/progress?" + (unit == null ? "" : "unitId=" + unit) + range)
                        .with(Callers.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Number> values = JsonPath.read(json, "$.indicators[?(@.code == '" + code + "')].actual");
        return values.get(0) == null ? null : values.get(0).doubleValue();
    }

}
