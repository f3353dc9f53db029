package vn.phoihop.unit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.testsupport.ErrorLines;
import vn.phoihop.testsupport.RawHttp;
import vn.phoihop.testsupport.SignedTokens;
import vn.phoihop.testsupport.WithInfrastructure;
import vn.phoihop.unit.programview.mongo.ProgramViews;

/**
 * Malformed input over real HTTP, as Tomcat decodes it: query strings, paths and headers that are not valid
 * percent-encoded UTF-8 or carry control characters, malformed bearer tokens, and JSON whose types differ from
 * the contract (no scalar coercion, enums by name only, dates as strings). Each is a 4xx problem, changes nothing
 * and leaves no line at ERROR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class MalformedInputIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String YESTERDAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(1).toString();

    @TestConfiguration
    static class Tokens {
        @Bean
        JwtDecoder jwtDecoder() {
            return SignedTokens.decoder();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    ProgramViews views;

    // made once for the class: no bad request may change them, which is what the tests check
    static String program;
    static String province;
    static String commune;
    static String member;
    static String activity;

    @BeforeEach
    void aProgramAUnitAMemberAndAnActivity() throws Exception {
        if (activity != null) {
            return;
        }
        program = "prg-" + UUID.randomUUID();
        var state = new ProgramState(program, 2, "09/CTr-" + program, "Chương trình 09", "ACTIVE",
                LocalDate.of(2020, 1, 1), LocalDate.of(2033, 12, 31), null,
                List.of(new ProgramState.Indicator("sessions", "Buổi tuyên truyền", "buổi", "SUM")), List.of());
        kafka.send(Topics.PROGRAMS, program, EventCodec.encode(new EventCodec("/program-service", Clock.systemUTC())
                .create(EventTypes.PROGRAM_ACTIVATED, program, program, program, List.of(), state))).get();
        province = created("/api/v1/units", unitBody("PROVINCE", null));
        commune = created("/api/v1/units", unitBody("COMMUNE", province));
        member = created("/api/v1/units/" + commune + "/members", MEMBER);
        await().atMost(Duration.ofSeconds(30)).until(() -> views.find(program).isPresent());
        activity = created("/api/v1/activities", activityBody());
    }

    // ---- query strings, paths and headers

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/units?q=%FF%FE", "/api/v1/units?unknown=%FF", "/api/v1/activities?status=%FF",
            "/api/v1/units?q=%ZZ", "/api/v1/units?q=%F", "/api/v1/units?q=%C3%28", "/api/v1/units?%FF=1",
            "/api/v1/units?q=H%C3%B2a%00L%E1%BB%A3i", "/api/v1/units?q=a%01b", "/api/v1/activities?cursor=%00",
            "/api/v1/units?q=\u00ff\u00fe", "/api/v1/audit?actor=%FF"})
    void aQueryStringThatIsNotPercentEncodedUtf8OrHoldsAControlCharacterIsA400(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            var response = RawHttp.get(port, target, bearer());
            assertProblem(response, 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @Test
    void theRefusalNamesTheParameterWhenItsNameIsReadable() throws Exception {
        assertThat(RawHttp.get(port, "/api/v1/units?q=%FF", bearer()).body()).contains("\"field\":\"q\"");
        assertThat(RawHttp.get(port, "/api/v1/units?q=a%00b", bearer()).body()).contains("\"field\":\"q\"")
                .doesNotContain("a\\u0000b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/units/%FF", "/api/v1/units/%ZZ", "/api/v1/units/%00", "/api/v1/units/\u00ff",
            "/api/v1/activities/%C3%28/revisions"})
    void aMalformedPathIsA400Problem(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, target, bearer()), 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Purpose: a\u0085b", "X-Purpose: \u00ff\u00fe", "X-Purpose: %FF%FE"})
    void aPurposeWithBadBytesIsA400(String header) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, "/api/v1/units/" + commune + "/members", bearer(), header), 400);
            assertThat(errors.lines()).as(header).isEmpty();
        }
    }

    @Test
    void anIdempotencyKeyWithBadBytesIsA400AndLogsNothing() throws Exception {
        long before = count("activities");
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.send(port, "POST", "/api/v1/activities", "application/json", activityBody(), bearer(),
                    "Idempotency-Key: \u00ff\u00fe"), 400);
            assertThat(errors.lines()).isEmpty();
        }
        assertThat(count("activities")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "a", "a.b", "a.b.c", "a.b.c.d",
            "a.b.c.d.e.f", "WzFd.e30.x", "Ingi.e30.x", "%%%.***.!!!", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0."})
    void aMalformedBearerTokenIsA401(String token) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, "/api/v1/units", "Authorization: Bearer " + token), 401);
            assertThat(errors.lines()).as(token).isEmpty();
        }
    }

    // ---- strict JSON typing: every request body, one wrong type at a time

    static Stream<Arguments> wrongTypes() {
        var cases = new ArrayList<Arguments>();
        for (String bad : List.of("123", "true", "1.5", "[\"Xã\"]", "{\"text\":\"Xã\"}")) {
            cases.add(Arguments.of("POST", "/api/v1/units", "unit", "name", bad));
        }
        cases.add(Arguments.of("POST", "/api/v1/units", "unit", "code", "92"));
        cases.add(Arguments.of("POST", "/api/v1/units", "unit", "kind", "3"));
        cases.add(Arguments.of("POST", "/api/v1/units", "unit", "kind", "\"3\""));
        cases.add(Arguments.of("POST", "/api/v1/units", "unit", "kind", "\"commune\""));
        cases.add(Arguments.of("POST", "/api/v1/units", "unit", "parentId", "7"));
        for (String bad : List.of("19000", "[2025,1,1]", "[]", "\"2025-01-01T10:00:00\"", "\"\"")) {
            cases.add(Arguments.of("POST", "/api/v1/units", "unit", "validFrom", bad));
        }
        cases.add(Arguments.of("PATCH", "/api/v1/units/{commune}", "rename", "name", "5"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/move", "move", "newParentId", "1"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/move", "move", "effectiveDate", "20250701"));
        cases.add(Arguments.of("POST", "/api/v1/units/merge", "merge", "sourceIds", "\"{commune}\""));
        cases.add(Arguments.of("POST", "/api/v1/units/merge", "merge", "effectiveDate", "[2025,7,1]"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/members", "member", "fullName", "5"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/members", "member", "role", "0"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/members", "member", "phone", "912345678"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/members", "member", "joinedOn", "[2025,1,1]"));
        cases.add(Arguments.of("PUT", "/api/v1/units/{commune}/members/{member}/consent", "consent", "basis", "0"));
        cases.add(Arguments.of("PUT", "/api/v1/units/{commune}/members/{member}/consent", "consent", "evidence", "12"));
        cases.add(Arguments.of("POST", "/api/v1/units/{commune}/members/{member}/erasure", "erasure", "reason", "5"));
        for (String bad : List.of("123", "true", "1.5")) {
            cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "title", bad));
        }
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "description", "5"));
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "type", "1"));
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "unitId", "5"));
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "coUnitIds", "\"{commune}\""));
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "occurredOn", "20000"));
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "metrics", "{\"sessions\":\"3\"}"));
        cases.add(Arguments.of("POST", "/api/v1/activities", "activity", "metrics", "{\"sessions\":true}"));
        cases.add(Arguments.of("POST", "/api/v1/activities/{activity}/reject", "reject", "reason", "5"));
        cases.add(Arguments.of("POST", "/api/v1/activities/{activity}/corrections", "correction", "reason", "5"));
        cases.add(Arguments.of("POST", "/api/v1/activities/{activity}/corrections", "correction", "metrics",
                "{\"sessions\":\"1\"}"));
        for (String bad : List.of("1.5", "\"1\"", "true")) {
            cases.add(Arguments.of("POST", "/api/v1/activities/{activity}/corrections", "correction",
                    "expectedRevision", bad));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} with {3}: {4}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsA400NamingTheFieldAndChangesNothing(String method, String path, String body,
            String field, String badValue) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(goodBody(body));
        json.set(field, JSON.readTree(fill(badValue)));
        String before = state();
        try (var errors = ErrorLines.capture()) {
            var response = send(method, fill(path), JSON.writeValueAsString(json));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("errors").path(0).path("field").asString())
                    .as(response.body()).startsWith(field);
            assertThat(errors.lines()).isEmpty();
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aFieldSentTwiceIsA400NamingIt() throws Exception {
        long before = count("units");
        var response = send("POST", "/api/v1/units", unitBody("COMMUNE", province).replace("{\"code\"",
                "{\"name\":\"Xã Một\",\"code\""));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").path(0).path("field").asString()).isEqualTo("name");
        assertThat(count("units")).isEqualTo(before);
    }

    @Test
    void aBatchItemOfTheWrongTypeFailsAloneNamingItsField() throws Exception {
        ObjectNode bad = (ObjectNode) JSON.readTree(activityBody());
        bad.put("title", 123);
        var response = send("POST", "/api/v1/activities/batch", "[" + activityBody() + "," + bad + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(response.body()).path("results");
        assertThat(results.path(0).path("status").asInt()).isEqualTo(201);
        assertThat(results.path(1).path("status").asInt()).isEqualTo(400);
        assertThat(results.path(1).path("problem").path("errors").path(0).path("field").asString()).isEqualTo("title");
    }

    @Test
    void metricsAndRevisionsStillTakeJsonNumbers() throws Exception {
        assertThat(send("POST", "/api/v1/activities", activityBody().replace("{\"sessions\":3}", "{\"sessions\":2.5}"))
                .statusCode()).isEqualTo(201);
        var corrected = send("POST", "/api/v1/activities/" + activity + "/corrections",
                "{\"metrics\":{\"sessions\":4},\"reason\":\"Đếm lại\",\"expectedRevision\":1}");
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    }

    // ---- set-up

    private static final String MEMBER = "{\"fullName\":\"Thành viên Tổ\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-01-01\"}";

    private String goodBody(String kind) {
        return switch (kind) {
            case "unit" -> unitBody("COMMUNE", province);
            case "rename" -> "{\"name\":\"Xã Mới\"}";
            case "move" -> "{\"newParentId\":\"" + province + "\",\"effectiveDate\":\"2025-07-01\"}";
            case "merge" -> "{\"sourceIds\":[\"" + commune + "\"],\"target\":{\"id\":\"" + province + "\"},"
                    + "\"effectiveDate\":\"2025-07-01\"}";
            case "member" -> MEMBER;
            case "consent" -> "{\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"evidence\":\"Phiếu số 12\"}";
            case "erasure" -> "{\"reason\":\"Người dân yêu cầu\"}";
            case "activity" -> activityBody();
            case "reject" -> "{\"reason\":\"Không đúng\"}";
            case "correction" -> "{\"metrics\":{\"sessions\":4},\"reason\":\"Đếm lại\",\"expectedRevision\":1}";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private String unitBody(String kind, String parentId) {
        String code = kind.substring(0, 2) + "-" + UUID.randomUUID().toString().substring(0, 8);
        return "{\"code\":\"" + code + "\",\"name\":\"Đơn vị " + code + "\",\"kind\":\"" + kind
                + "\",\"validFrom\":\"2020-01-01\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}";
    }

    private String activityBody() {
        return "{\"programId\":\"" + program + "\",\"unitId\":\"" + commune + "\",\"coUnitIds\":[],"
                + "\"type\":\"PROPAGANDA_SESSION\",\"occurredOn\":\"" + YESTERDAY + "\",\"title\":\"Tuyên truyền\","
                + "\"metrics\":{\"sessions\":3}}";
    }

    private static String fill(String template) {
        return template.replace("{commune}", commune).replace("{member}", member).replace("{activity}", activity);
    }

    /** What the bad requests could have changed: the counts, and the documents they name (less the outbox, which drains). */
    private String state() {
        return count("units") + "/" + count("activities") + "/" + count("rosters") + "/" + stored("units", commune)
                + "/" + stored("rosters", commune) + "/" + stored("activities", activity);
    }

    private Document stored(String collection, String id) {
        return database.getCollection(collection).find(eq("_id", id)).projection(Projections.exclude("outbox")).first();
    }

    private long count(String collection) {
        return database.getCollection(collection).countDocuments();
    }

    private String created(String path, String body) throws Exception {
        var response = send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + SignedTokens.admin()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer() {
        return "Authorization: Bearer " + SignedTokens.admin();
    }

    static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(JsonMapper.shared().readTree(response.body()).path("status").asInt()).isEqualTo(status);
    }
}
