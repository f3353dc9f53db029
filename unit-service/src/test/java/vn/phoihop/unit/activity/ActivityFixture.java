package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.unit.programview.mongo.ProgramViews;

/**
 * An active program (indicators {@code sessions}, {@code attendees}, from 2020) and a small tree of units under a
 * commune: its police, its Front committee with the women's union under it, and a security team; callers of each
 * agency bound to their unit.
 */
abstract class ActivityFixture {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

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
    String police;
    String front;
    String women;
    String team;

    @BeforeEach
    void programAndUnits() throws Exception {
        program = "prg-" + UUID.randomUUID();
        publishProgram(program, "ACTIVE");
        province = unit("PROVINCE", null);
        commune = unit("COMMUNE", province);
        police = unit("POLICE_UNIT", commune);
        front = unit("FRONT_COMMITTEE", commune);
        women = unit("MEMBER_ORGANISATION", front);
        team = unit("SECURITY_TEAM", commune);
        await().atMost(Duration.ofSeconds(20)).until(() -> views.find(program).isPresent());
    }

    RequestPostProcessor policeOfficer() {
        return Callers.officer("police-officer", "POLICE", police);
    }

    RequestPostProcessor frontOfficer() {
        return Callers.officer("front-officer", "FRONT", front);
    }

    /** An officer of the commune: its scope holds every unit of the fixture but the province. */
    RequestPostProcessor communeOfficer() {
        return Callers.officer("commune-officer", "OTHER", commune);
    }

    RequestPostProcessor teamLeader() {
        return Callers.officer("team-leader", "OTHER", team);
    }

    String body(String unit, List<String> coUnits, String metrics) {
        return body(unit, coUnits, YESTERDAY, metrics);
    }

    String body(String unit, List<String> coUnits, LocalDate on, String metrics) {
        String co = coUnits.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        return "{\"programId\":\"" + program + "\",\"unitId\":\"" + unit + "\",\"coUnitIds\":[" + co + "],"
                + "\"type\":\"PROPAGANDA_SESSION\",\"occurredOn\":\"" + on + "\",\"title\":\"Tuyên truyền\","
                + "\"metrics\":" + metrics + "}";
    }

    /** Logs an activity as the police officer and answers its id. */
    String logged(String body) throws Exception {
        return id(postJson("/api/v1/activities", body, policeOfficer()).andExpect(status().isCreated()));
    }

    ResultActions postJson(String path, String body, RequestPostProcessor caller) throws Exception {
        return mvc.perform(post(path).with(caller).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    ResultActions postJson(String path, String body, RequestPostProcessor caller, String key) throws Exception {
        MockHttpServletRequestBuilder request = post(path).with(caller).contentType(MediaType.APPLICATION_JSON).content(body);
        return mvc.perform(key == null ? request : request.header("Idempotency-Key", key));
    }

    ResultActions confirm(String id, RequestPostProcessor caller) throws Exception {
        return mvc.perform(post("/api/v1/activities/" + id + "/confirm").with(caller));
    }

    ResultActions read(String path) throws Exception {
        return mvc.perform(get(path).with(Callers.admin()));
    }

    static String id(ResultActions result) throws Exception {
        return JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id");
    }

    /** The stored version: a refused change leaves it where it was. */
    int version(String id) {
        return database.getCollection("activities").find(new Document("_id", id)).first().getInteger("version");
    }

    long storedFor(String programId) {
        return database.getCollection("activities").countDocuments(new Document("programId", programId));
    }

    static void assertProblem(ResultActions result, int status) throws Exception {
        var response = result.andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(response.getContentAsString(), "$.detail")).isNotBlank();
    }

    String unit(String kind, String parentId) throws Exception {
        String code = kind.substring(0, 2) + "-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"code\":\"" + code + "\",\"name\":\"Đơn vị " + code + "\",\"kind\":\"" + kind
                + "\",\"validFrom\":\"2020-01-01\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}";
        return id(postJson("/api/v1/units", body, Callers.admin()).andExpect(status().isCreated()));
    }

    void publishProgram(String id, String status) throws Exception {
        publishProgram(id, 2, status, List.of());
    }

    void publishProgram(String id, long version, String status, List<String> enrolledUnitIds) throws Exception {
        var state = new ProgramState(id, version, "09/CTr-" + id, "Chương trình 09", status,
                LocalDate.of(2020, 1, 1), LocalDate.of(2033, 12, 31), null, List.of(
                        new ProgramState.Indicator("sessions", "Buổi tuyên truyền", "buổi", "SUM"),
                        new ProgramState.Indicator("attendees", "Lượt người dự", "lượt", "SUM")), enrolledUnitIds);
        var event = new EventCodec("/program-service", Clock.systemUTC())
                .create(EventTypes.PROGRAM_ACTIVATED, id, id, id, List.of(), state);
        kafka.send(Topics.PROGRAMS, id, EventCodec.encode(event)).get();
    }
}
