package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Progress adds up exactly and never shows infinity: sums are decimals end to end, a ratio is rounded once (six decimals,
 * half up), targets add up exactly, exports write exact figures; a figure out of bounds (as an older producer could
 * send) is set aside before it is written, without failing the events around it. The events are written as JSON text,
 * as on the wire.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ExactFiguresIT {

    static final String PROVINCE = "u-exact-" + UUID.randomUUID().toString().substring(0, 8);
    static final String UNIT = PROVINCE + "-ninh-kieu";

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTreeView units;

    ProgressHarness api;
    String program;

    @BeforeEach
    void aProgramWithTwoSumsAndAUnit() throws Exception {
        api = new ProgressHarness(mvc);
        program = api.program("attendees", "km");
        var codec = new EventCodec("/unit-service", Clock.systemUTC());
        for (var unit : List.of(new UnitCreated(PROVINCE, PROVINCE, "Thành phố Cần Thơ", "PROVINCE", null, List.of(),
                LocalDate.parse("2004-01-01")), new UnitCreated(UNIT, UNIT, "Phường Ninh Kiều", "COMMUNE", PROVINCE,
                List.of(PROVINCE), LocalDate.parse("2004-01-01")))) {
            var path = new java.util.ArrayList<>(unit.ancestorIds());
            path.add(unit.unitId());
            kafka.send(Topics.UNITS, unit.unitId(), EventCodec.encode(codec.create(EventTypes.UNIT_CREATED, unit.unitId(),
                    unit.unitId(), null, path, unit))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> units.find(UNIT).isPresent());
    }

    @Test
    void tenTimesOneTenthIsOneAndABillionAndOneThousandthStaysExact() throws Exception {
        for (int i = 0; i < 10; i++) {
            publish(newId(), "2019-08-19", "{\"km\": 0.1}");
        }
        publish(newId(), "2019-08-19", "{\"attendees\": 1000000000}");
        publish(newId(), "2019-08-20", "{\"attendees\": 0.001}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.figures(program, null, ""))
                .contains("\"code\":\"km\",\"name\":\"km\",\"actual\":1,")
                .contains("\"code\":\"attendees\",\"name\":\"attendees\",\"actual\":1000000000.001,"));
        assertThat(api.figures(program, null, "&from=2019-08-19&to=2019-08-19")).as("a day's bucket")
                .contains("\"actual\":1000000000,");
        assertThat(csv("")).contains("attendees,attendees,1000000000.001,,").contains("km,km,1,,");
    }

    @Test
    void largeFiguresAreSetAsideBeforeTheyAreAddedAndProgressStaysFinite() throws Exception {
        String first = newId();
        String second = newId();
        publish(first, "2019-08-19", "{\"attendees\": 1.7e308}");
        publish(second, "2019-08-19", "{\"attendees\": 1.7e308}");
        publish(newId(), "2019-08-19", "{\"attendees\": 12.5}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.figures(program, null, "")).contains("\"code\":\"attendees\",\"name\":\"attendees\",\"actual\":12.5,"));
        assertThat(api.figures(program, null, "")).doesNotContain("Infinity", "NaN");
        assertThat(csv("")).contains("attendees,attendees,12.5,,");
        for (String id : List.of(first, second)) {
            var dead = TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), id, 1);
            assertThat(new String(dead.get(0).headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                    StandardCharsets.UTF_8)).contains("metric attendees must be a number from 0 to 1000000000");
        }
    }

    @Test
    void aHugeFigureAmongSmallOnesFailsNoneOfThem() throws Exception {
        String huge = newId();
        publish(newId(), "2019-08-19", "{\"attendees\": 0.001}");
        publish(huge, "2019-08-19", "{\"attendees\": 1e30}");
        publish(newId(), "2019-08-19", "{\"attendees\": 0.002}");
        publish(newId(), "2019-08-19", "{\"attendees\": 0.0001}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.figures(program, null, ""))
                .contains("\"code\":\"attendees\",\"name\":\"attendees\",\"actual\":0.003,"));
        assertThat(TopicProbe.byKey(Topics.deadLetter(Topics.ACTIVITIES), huge, 1)).hasSize(1);
    }

    @Test
    void targetsAddUpExactlyAndRatiosAreRoundedOnceHalfUp() throws Exception {
        target("km", "2017-01-01", "2017-12-31", "0.1").andExpect(status().isCreated());
        target("km", "2018-01-01", "2018-12-31", "0.2").andExpect(status().isCreated());
        target("attendees", "2017-01-01", "2018-12-31", "3").andExpect(status().isCreated());
        publish(newId(), "2017-05-01", "{\"attendees\": 2, \"km\": 0.1}");

        String range = "&from=2017-01-01&to=2018-12-31";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(figure(api.figures(program, UNIT, range), "attendees", "actual")).isEqualByComparingTo("2"));
        String json = api.figures(program, UNIT, range);
        assertThat(figure(json, "km", "target")).as("0.1 + 0.2").isEqualTo(new BigDecimal("0.3"));
        assertThat(figure(json, "km", "ratio")).as("0.1 / 0.3").isEqualTo(new BigDecimal("0.333333"));
        assertThat(figure(json, "attendees", "ratio")).as("2 / 3, half up").isEqualTo(new BigDecimal("0.666667"));
        assertThat(csv("&unitId=" + UNIT + range)).contains("km,km,0.1,0.3,0.333333");
    }

    @Test
    void targetsOutOfBoundsAreRefusedNamingTheField() throws Exception {
        for (String value : List.of("0.0001", "1000000000000.001", "1e13", "1e309", "-0.001", "\"Infinity\"")) {
            var refused = target("km", "2017-01-01", "2017-12-31", value).andExpect(status().isBadRequest())
                    .andReturn().getResponse();
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            if (!value.startsWith("\"")) {
                assertThat((String) JsonPath.read(refused.getContentAsString(), "$.errors[0].field")).as(value).isEqualTo("value");
            }
        }
        mvc.perform(get("/api/v1/programs/" + program).with(Callers.admin()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.targets.length()")
                        .value(0));
    }

    private org.springframework.test.web.servlet.ResultActions target(String indicator, String from, String to, String value)
            throws Exception {
        return mvc.perform(post("/api/v1/programs/" + program + "/targets").with(Callers.admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"indicatorCode\":\"" + indicator + "\",\"unitId\":\"" + UNIT
                        + "\",\"periodStart\":\"" + from + "\",\"periodEnd\":\"" + to + "\",\"value\":" + value + "}"));
    }

    private String csv(String query) throws Exception {
        byte[] body = mvc.perform(get("/api/v1/programs/" + program + "/progress?x=1" + query).accept("text/csv")
                        .with(Callers.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        return new String(body, StandardCharsets.UTF_8);
    }

    private static BigDecimal figure(String json, String code, String field) {
        List<Object> found = JsonPath.read(json, "$.indicators[?(@.code == '" + code + "')]." + field);
        return found.get(0) == null ? null : new BigDecimal(found.get(0).toString());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A submitted activity of the unit, its metrics as JSON text. */
    private void publish(String activityId, String on, String metrics) throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/unit-service\","
                + "\"type\":\"activity.submitted.v1\",\"subject\":\"" + activityId + "\",\"time\":\"2026-08-19T02:30:00Z\","
                + "\"datacontenttype\":\"application/json\",\"partitionkey\":\"" + activityId + "\",\"programid\":\"" + program
                + "\",\"unitid\":\"" + UNIT + "\",\"ancestorids\":\"" + PROVINCE + "\",\"data\":{\"activityId\":\"" + activityId
                + "\",\"revision\":1,\"programId\":\"" + program + "\",\"unitId\":\"" + UNIT + "\",\"ancestorIds\":[\""
                + PROVINCE + "\"],"
                + "\"coUnitIds\":[],\"type\":\"MEETING\",\"occurredOn\":\"" + on + "\",\"metrics\":" + metrics + ","
                + "\"status\":\"SUBMITTED\",\"counts\":true,\"version\":1,\"reason\":null}}";
        kafka.send(Topics.ACTIVITIES, activityId, event).get();
    }
}
