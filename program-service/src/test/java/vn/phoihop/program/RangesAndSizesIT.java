package vn.phoihop.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Every range and size a caller controls is bounded: dates to the calendar window 1900-01-01..2199-12-31, progress
 * to its program's period, and what one program or review may hold. A request past a bound is a 400 naming the
 * field, answered at once, and the service stays healthy.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangesAndSizesIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String CITY = "rs-city-" + RUN;

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    UnitTreeView units;
    @Autowired
    MongoDatabase database;

    String program;

    @BeforeAll
    void aCityAndAProgram() throws Exception {
        var city = new UnitCreated(CITY, "92-" + RUN, "Thành phố Cần Thơ", "PROVINCE", null, List.of(),
                LocalDate.parse("2004-01-01"));
        kafka.send(Topics.UNITS, CITY, EventCodec.encode(new EventCodec("/unit-service", Clock.systemUTC())
                .create(EventTypes.UNIT_CREATED, CITY, CITY, null, List.of(CITY), city))).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> units.find(CITY).isPresent());
        program = JsonPath.read(send(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON)
                .content(program("RS-" + RUN, "2013-01-01", "2033-12-31"))).getContentAsString(), "$.id");
        send(post("/api/v1/programs/" + program + "/indicators").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"sessions\",\"name\":\"Buổi\",\"aggregation\":\"SUM\"}"));
    }

    @Test
    void theRangeThatRanTheServiceOutOfMemoryIsA400AtOnceAndTheServiceStaysHealthy() throws Exception {
        String progress = "/api/v1/programs/" + program + "/progress";
        for (MockHttpServletRequestBuilder request : List.of(
                get(progress).param("from", "-999999999-01-01").param("to", "+999999999-12-31"),
                get(progress).param("from", "-999999999-01-01").param("to", "+999999999-12-31").accept("text/csv"),
                get(progress + ".xlsx").param("from", "-999999999-01-01").param("to", "+999999999-12-31"))) {
            long started = System.nanoTime();
            MockHttpServletResponse response = send(request);
            assertProblem(response, 400, "from", "to");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(send(get("/actuator/health")).getContentAsString()).contains("\"UP\"");
        assertThat(send(get(progress).param("from", "2019-01-01").param("to", "2019-12-31")).getStatus()).isEqualTo(200);
    }

    @Test
    void progressDatesOutsideTheCalendarWindowAreA400NamingTheField() throws Exception {
        String progress = "/api/v1/programs/" + program + "/progress";
        assertProblem(send(get(progress).param("from", "-9999-01-01").param("to", "9999-12-31")), 400, "from", "to");
        assertProblem(send(get(progress).param("from", "1899-12-31")), 400, "from");
        assertProblem(send(get(progress).param("to", "2200-01-01")), 400, "to");
        assertProblem(send(get(progress).param("from", "+10000-01-01")), 400, "from");
    }

    @Test
    void aRangeIsReadWithinTheProgramsPeriod() throws Exception {
        String id = UUID.randomUUID().toString();
        var state = new ActivityState(id, 1, program, CITY, List.of(), List.of(), "PROPAGANDA_SESSION",
                LocalDate.parse("2019-08-19"), java.util.Map.of("sessions", java.math.BigDecimal.valueOf(5)), "SUBMITTED", true);
        kafka.send(Topics.ACTIVITIES, id, EventCodec.encode(new EventCodec("/unit-service", Clock.systemUTC())
                .create(EventTypes.ACTIVITY_SUBMITTED, id, id, program, List.of(CITY), state))).get();
        String progress = "/api/v1/programs/" + program + "/progress";
        await().atMost(Duration.ofSeconds(60)).until(() -> sessions(get(progress).param("unitId", CITY)) == 5.0);

        MockHttpServletResponse whole = send(get(progress).param("unitId", CITY).param("from", "1900-01-01")
                .param("to", "2199-12-31"));
        assertThat(whole.getStatus()).isEqualTo(200);
        assertThat((String) JsonPath.read(whole.getContentAsString(), "$.from")).as("the range asked for")
                .isEqualTo("1900-01-01");
        assertThat(sessions(get(progress).param("unitId", CITY).param("from", "1900-01-01").param("to", "2199-12-31")))
                .isEqualTo(5.0);
        assertThat(sessions(get(progress).param("unitId", CITY).param("from", "2019-08-19").param("to", "2199-12-31")))
                .isEqualTo(5.0);
        assertThat(sessions(get(progress).param("unitId", CITY).param("from", "1900-01-01").param("to", "2019-08-18")))
                .isZero();
        assertThat(sessions(get(progress).param("unitId", CITY).param("from", "1900-01-01").param("to", "1900-12-31")))
                .as("a range before the program: nothing in it").isZero();
    }

    private double sessions(MockHttpServletRequestBuilder request) throws Exception {
        List<Number> values = JsonPath.read(send(request).getContentAsString(), "$.indicators[?(@.code == 'sessions')].actual");
        return values.get(0).doubleValue();
    }

    @Test
    void programPeriodsTargetsAndReviewsOutsideTheWindowAreA400NamingTheField() throws Exception {
        assertProblem(send(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON)
                .content(program("RS0-" + RUN, "0001-01-01", "2033-12-31"))), 400, "startsOn");
        assertProblem(send(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON)
                .content(program("RS1-" + RUN, "2013-01-01", "+999999999-12-31"))), 400, "endsOn");
        assertProblem(send(post("/api/v1/programs/" + program + "/targets").contentType(MediaType.APPLICATION_JSON)
                .content("{\"indicatorCode\":\"sessions\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"1800-01-01\","
                        + "\"periodEnd\":\"+10000-12-31\",\"value\":5}")), 400, "periodStart", "periodEnd");
        assertProblem(send(post("/api/v1/programs/" + program + "/reviews").contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"INTERIM\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"1800-01-01\","
                        + "\"periodEnd\":\"1800-12-31\",\"title\":\"Sơ kết\"}")), 400, "periodStart", "periodEnd");
    }

    @Test
    void aProgramHoldsAtMostOneHundredIndicators() throws Exception {
        String full = JsonPath.read(send(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON)
                .content(program("RS2-" + RUN, "2013-01-01", "2033-12-31"))).getContentAsString(), "$.id");
        for (int i = 0; i < 100; i++) {
            assertThat(send(post("/api/v1/programs/" + full + "/indicators").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"code\":\"i" + i + "\",\"name\":\"Chỉ tiêu " + i + "\",\"aggregation\":\"SUM\"}")).getStatus())
                    .isEqualTo(201);
        }
        assertProblem(send(post("/api/v1/programs/" + full + "/indicators").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"one_more\",\"name\":\"Một nữa\",\"aggregation\":\"SUM\"}")), 400, "indicators");
    }

    @Test
    void aProgramHoldsAtMostFiveThousandTargetsAndAThousandEnrolments() throws Exception {
        String full = JsonPath.read(send(post("/api/v1/programs").contentType(MediaType.APPLICATION_JSON)
                .content(program("RS3-" + RUN, "2013-01-01", "2033-12-31"))).getContentAsString(), "$.id");
        send(post("/api/v1/programs/" + full + "/indicators").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"sessions\",\"name\":\"Buổi\",\"aggregation\":\"SUM\"}"));
        var targets = new ArrayList<Document>();
        var enrolled = new ArrayList<String>();
        for (int i = 0; i < 5_000; i++) {
            LocalDate day = LocalDate.of(2013, 1, 1).plusDays(i);
            targets.add(new Document("indicatorCode", "sessions").append("unitId", CITY)
                    .append("periodStart", day.toString()).append("periodEnd", day.toString()).append("value", 1.0));
            if (i < 1_000) {
                enrolled.add("u-" + i);
            }
        }
        database.getCollection("programs").updateOne(new Document("_id", full), new Document("$set",
                new Document("targets", targets).append("enrolledUnitIds", enrolled)));

        assertProblem(send(post("/api/v1/programs/" + full + "/targets").contentType(MediaType.APPLICATION_JSON)
                .content("{\"indicatorCode\":\"sessions\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"2030-01-01\","
                        + "\"periodEnd\":\"2030-12-31\",\"value\":5}")), 400, "targets");
        assertProblem(send(post("/api/v1/programs/" + full + "/enrollments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"unitId\":\"" + CITY + "\"}")), 400, "enrolledUnitIds");
        assertThat(send(post("/api/v1/programs/" + full + "/targets").contentType(MediaType.APPLICATION_JSON)
                .content("{\"indicatorCode\":\"sessions\",\"unitId\":\"" + CITY + "\",\"periodStart\":\"2013-01-01\","
                        + "\"periodEnd\":\"2013-01-01\",\"value\":7}")).getStatus())
                .as("setting a target it holds again replaces it").isEqualTo(201);
    }

    @Test
    void aReviewHoldsAtMostFiveHundredAwards() throws Exception {
        String review = JsonPath.read(send(post("/api/v1/programs/" + program + "/reviews")
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"INTERIM\",\"unitId\":\"" + CITY
                        + "\",\"periodStart\":\"2019-01-01\",\"periodEnd\":\"2019-12-31\",\"title\":\"Sơ kết\"}"))
                .getContentAsString(), "$.id");
        var awards = new ArrayList<Document>();
        for (int i = 0; i < 500; i++) {
            awards.add(new Document("id", "a-" + i).append("recipientType", "COLLECTIVE").append("recipientName", "Tổ " + i)
                    .append("unitId", null).append("form", "COMMENDATION").append("issuedBy", "UBND")
                    .append("awardedAt", new java.util.Date()));
        }
        database.getCollection("reviews").updateOne(new Document("_id", review),
                new Document("$set", new Document("awards", awards)));
        assertProblem(send(post("/api/v1/programs/" + program + "/reviews/" + review + "/awards")
                .contentType(MediaType.APPLICATION_JSON).content("{\"recipientType\":\"COLLECTIVE\","
                        + "\"recipientName\":\"Tổ mới\",\"form\":\"COMMENDATION\",\"issuedBy\":\"UBND\"}")),
                400, "awards");
    }

    private static String program(String code, String startsOn, String endsOn) {
        return "{\"code\":\"" + code + "\",\"title\":\"Chương trình 09\",\"kind\":\"COORDINATION_PROGRAM\","
                + "\"startsOn\":\"" + startsOn + "\",\"endsOn\":\"" + endsOn + "\",\"scopeUnitId\":\"" + CITY + "\"}";
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(Callers.admin())).andReturn().getResponse();
    }

    private static void assertProblem(MockHttpServletResponse response, int status, String... fields) throws Exception {
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        List<String> named = JsonPath.read(body, "$.errors[*].field");
        assertThat(named).as(body).contains(fields);
    }
}
