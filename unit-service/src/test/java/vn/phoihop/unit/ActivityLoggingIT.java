package vn.phoihop.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import vn.phoihop.testsupport.Callers;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;
import vn.phoihop.unit.programview.mongo.ProgramViews;

/** Logging an activity end to end inside unit-service: program view from Kafka in, event to Kafka out. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ActivityLoggingIT {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ProgramViews views;

    String program;
    String province;
    String commune;

    @BeforeEach
    void activeProgramAndTwoUnits() throws Exception {
        program = "prg-" + UUID.randomUUID();
        publishProgram(program, 2, "ACTIVE");
        province = createUnit("{\"code\":\"P-" + program.substring(4, 12) + "\",\"name\":\"Cần Thơ\",\"kind\":\"PROVINCE\",\"validFrom\":\"2020-01-01\"}");
        commune = createUnit("{\"code\":\"C-" + program.substring(4, 12) + "\",\"name\":\"Phường Ninh Kiều\",\"kind\":\"COMMUNE\",\"validFrom\":\"2020-01-01\",\"parentId\":\"" + province + "\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> views.find(program).isPresent());
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void anActivityIsStoredAndItsEventPublishedWithTheRequestId(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        String json = mvc.perform(post("/api/v1/activities").with(Callers.admin()).header("X-Request-Id", "req-e2e-1")
                        .contentType(MediaType.APPLICATION_JSON).content(activity(commune, "{\"sessions\": 3, \"attendees\": 120}")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("SUBMITTED"))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.createdBy").value("admin"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(json, "$.id");
        assertThat(output.getAll().lines().filter(line -> line.contains("Activity " + id + " logged")))
                .singleElement().asString().contains("[req-e2e-1]");

        mvc.perform(get("/api/v1/activities/" + id).with(Callers.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metrics.attendees").value(120.0))
                .andExpect(jsonPath("$.ancestorIds[0]").value(province));

        var records = TopicProbe.byKey(Topics.ACTIVITIES, id, 1);
        var record = records.get(0);
        CloudEvent event = EventCodec.decode(record.value());
        ActivityState data = EventCodec.data(event, EventTypes.ACTIVITY_SUBMITTED);
        assertThat(event.programid()).isEqualTo(program);
        assertThat(event.unitPath()).containsExactly(province, commune);
        assertThat(data.metrics()).containsEntry("sessions", new java.math.BigDecimal("3"))
                .containsEntry("attendees", new java.math.BigDecimal("120"));
        assertThat(data.counts()).isTrue();
        assertThat(new String(record.headers().lastHeader("x-request-id").value(), StandardCharsets.UTF_8))
                .isEqualTo("req-e2e-1");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                database.getCollection("activities").find(new Document("_id", id)).first()
                        .getList(Outbox.FIELD, Document.class).isEmpty());
    }

    @Test
    void aJointActivityWaitsForConfirmationAndDoesNotCountYet() throws Exception {
        mvc.perform(post("/api/v1/activities").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(activity(commune, List.of(province), TODAY, "{\"sessions\": 1}")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("AWAITING_CONFIRMATION"))
                .andExpect(jsonPath("$.coUnitIds[0]").value(province));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "negative value        | {\"sessions\": -1}",
            "string value          | {\"sessions\": \"5\"}",
            "overflowing value     | {\"sessions\": 1e309}",
            "NaN                   | {\"sessions\": NaN}",
            "null value            | {\"sessions\": null}",
            "operator key          | {\"$set\": 1}",
            "dotted key            | {\"a.b\": 1}",
            "object value          | {\"sessions\": {\"$gt\": 0}}"})
    void badMetricsAreRefusedAndStoreNothing(String why, String metrics) throws Exception {
        refused(activity(commune, metrics), 400);
    }

    @Test
    void domainRulesRefuseWith422AndStoreNothing() throws Exception {
        refused(activity(commune, "{\"unknownIndicator\": 1}"), 422);
        refused(activity(commune, List.of(), TODAY.plusDays(2), "{\"sessions\": 1}"), 422);
        refused(activity(commune, List.of(), LocalDate.of(2019, 12, 31), "{\"sessions\": 1}"), 422);
        refused(activity(commune, List.of(commune), TODAY, "{\"sessions\": 1}"), 422);
        refused(activity("no-such-unit", "{\"sessions\": 1}"), 422);
        refused(activity(commune, "{\"sessions\": 1}").replace(program, "no-such-program"), 422);
    }

    @Test
    void aUnitMergedAwayTakesNoActivityFromTheMergeOn() throws Exception {
        LocalDate merged = TODAY.minusDays(5);
        mvc.perform(post("/api/v1/units/merge").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sourceIds\":[\"" + commune + "\"],\"target\":{\"code\":\"M-" + program.substring(4, 12)
                                + "\",\"name\":\"Phường mới\",\"kind\":\"COMMUNE\",\"parentId\":\"" + province
                                + "\"},\"effectiveDate\":\"" + merged + "\"}"))
                .andExpect(status().isOk());
        refused(activity(commune, List.of(), merged, "{\"sessions\": 1}"), 422);
        refused(activity(province, List.of(commune), merged.plusDays(1), "{\"sessions\": 1}"), 422);
        mvc.perform(post("/api/v1/activities").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(activity(commune, List.of(), merged.minusDays(1), "{\"sessions\": 1}")))
                .andExpect(status().isCreated());
    }

    @Test
    void aProgramThatIsNotActiveTakesNoActivity() throws Exception {
        publishProgram(program, 3, "SUSPENDED");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(views.find(program).orElseThrow().status()));
        refused(activity(commune, "{\"sessions\": 1}"), 422);
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void theProgramViewSkipsProgressNoticesWithoutDeadLetteringThem(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        var notice = new EventCodec("/program-service", Clock.systemUTC()).create(EventTypes.PROGRESS_CHANGED, commune,
                program, program, List.of(province, commune),
                new ProgressChanged(program, commune, List.of("sessions"), TODAY, TODAY));
        kafka.send(Topics.PROGRAMS, program, EventCodec.encode(notice)).get();
        publishProgram(program, 3, "SUSPENDED"); // same key, so after the notice

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUSPENDED".equals(views.find(program).orElseThrow().status()));
        assertThat(views.find(program).orElseThrow().version()).isEqualTo(3);
        assertThat(TopicProbe.readToEnd(Topics.deadLetter(Topics.PROGRAMS))).noneMatch(r -> program.equals(r.key()));
        assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .noneMatch(line -> line.contains(notice.id()) || line.contains("progress.changed.v1"));
    }

    @Test
    void anOlderProgramVersionNeverOverwritesANewerOne() {
        views.apply(state(program, 1, "DRAFT"));
        assertThat(views.find(program).orElseThrow().status()).isEqualTo("ACTIVE");
    }

    @Test
    void malformedOrIncompleteBodiesAreBadRequests() throws Exception {
        refused("{\"programId\":\"" + program + "\"", 400);
        refused(activity(commune, "{\"sessions\": 1}").replace("\"title\"", "\"status\":\"SUBMITTED\",\"title\""), 400);
        refused(activity(commune, "{\"sessions\": 1}").replace("PROPAGANDA_SESSION", "PARTY"), 400);
        refused(activity(commune, "{\"sessions\": 1}").replace("\"title\":\"Tuyên truyền\",", ""), 400);
        mvc.perform(get("/api/v1/activities/nope").with(Callers.admin())).andExpect(status().isNotFound());
    }

    private void refused(String body, int status) throws Exception {
        long before = database.getCollection("activities").countDocuments();
        mvc.perform(post("/api/v1/activities").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").isNotEmpty());
        assertThat(database.getCollection("activities").countDocuments()).isEqualTo(before);
    }

    private String activity(String unit, String metrics) {
        return activity(unit, List.of(), TODAY.minusDays(1), metrics);
    }

    private String activity(String unit, List<String> coUnits, LocalDate on, String metrics) {
        String co = coUnits.stream().map(c -> "\"" + c + "\"").reduce((a, b) -> a + "," + b).orElse("");
        return "{\"programId\":\"" + program + "\",\"unitId\":\"" + unit + "\",\"coUnitIds\":[" + co + "],"
                + "\"type\":\"PROPAGANDA_SESSION\",\"occurredOn\":\"" + on + "\",\"title\":\"Tuyên truyền\","
                + "\"metrics\":" + metrics + "}";
    }

    private String createUnit(String body) throws Exception {
        String json = mvc.perform(post("/api/v1/units").with(Callers.admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private void publishProgram(String id, long version, String status) throws Exception {
        var event = new EventCodec("/program-service", Clock.systemUTC())
                .create(EventTypes.PROGRAM_ACTIVATED, id, id, id, List.of(), state(id, version, status));
        kafka.send(Topics.PROGRAMS, id, EventCodec.encode(event)).get();
    }

    private static ProgramState state(String id, long version, String status) {
        return new ProgramState(id, version, "09/CTr-" + id, "Chương trình 09", status, LocalDate.of(2020, 1, 1),
                LocalDate.of(2033, 12, 31), null, List.of(
                        new ProgramState.Indicator("sessions", "Buổi tuyên truyền", "buổi", "SUM"),
                        new ProgramState.Indicator("attendees", "Lượt người dự", "lượt", "SUM")));
    }
}
