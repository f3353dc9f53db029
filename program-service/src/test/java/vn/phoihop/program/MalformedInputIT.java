package vn.phoihop.program;

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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.program.unitview.UnitTreeView;
import vn.phoihop.testsupport.ErrorLines;
import vn.phoihop.testsupport.RawHttp;
import vn.phoihop.testsupport.SignedTokens;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Malformed input over real HTTP, as Tomcat decodes it: query strings and paths that are not percent-encoded UTF-8
 * or hold control characters (a NUL in program search reached MongoDB as a regular expression, which cannot hold
 * one: a 500), malformed bearer tokens, and JSON whose types differ from the contract. Each is a 4xx problem,
 * changes nothing and leaves no line at ERROR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class MalformedInputIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.shared();

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
    UnitTreeView units;

    // made once for the class: no bad request may change them, which is what the tests check
    static final String UNIT = "u-92-" + UUID.randomUUID().toString().substring(0, 8);
    static String program;
    static String review;

    @BeforeEach
    void aProgramWithAnIndicatorAndAReview() throws Exception {
        if (review != null) {
            return;
        }
        var created = new UnitCreated(UNIT, "92-" + UNIT, "Thành phố Cần Thơ", "PROVINCE", null, List.of(),
                LocalDate.parse("2004-01-01"));
        kafka.send(Topics.UNITS, UNIT, EventCodec.encode(new EventCodec("/unit-service", Clock.systemUTC())
                .create(EventTypes.UNIT_CREATED, UNIT, UNIT, null, List.of(UNIT), created))).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> units.find(UNIT).isPresent());
        program = created("/api/v1/programs", ProgramServiceHarness.programBody("MAL-" + UUID.randomUUID()));
        created("/api/v1/programs/" + program + "/indicators", goodBody("indicator"));
        review = created("/api/v1/programs/" + program + "/reviews", goodBody("review"));
    }

    // ---- query strings, paths and tokens

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/programs?q=%FF%FE", "/api/v1/programs?unknown=%FF", "/api/v1/programs?status=%FF",
            "/api/v1/programs?q=H%C3%B2a%00L%E1%BB%A3i", "/api/v1/programs?q=%ZZ", "/api/v1/programs?q=a%1Fb",
            "/api/v1/programs?cursor=%C3%28", "/api/v1/programs/{program}/progress?unitId=%FF",
            "/api/v1/programs/{program}/progress?from=%00", "/api/v1/programs/{program}/reviews?cursor=%FF",
            "/api/v1/audit?actor=%FF"})
    void aQueryStringThatIsNotPercentEncodedUtf8OrHoldsAControlCharacterIsA400(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, target.replace("{program}", program), bearer()), 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @Test
    void aNulInProgramSearchIsA400NamingQ() throws Exception {
        var response = RawHttp.get(port, "/api/v1/programs?q=H%C3%B2a%00L%E1%BB%A3i", bearer());
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"q\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/programs/%FF", "/api/v1/programs/%ZZ", "/api/v1/programs/%00/reviews",
            "/api/v1/programs/\u00ff"})
    void aMalformedPathIsA400Problem(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, target, bearer()), 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "a.b", "a.b.c.d", "WzFd.e30.x",
            "%%%.***.!!!"})
    void aMalformedBearerTokenIsA401(String token) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, "/api/v1/programs", "Authorization: Bearer " + token), 401);
            assertThat(errors.lines()).as(token).isEmpty();
        }
    }

    // ---- strict JSON typing: every request body, one wrong type at a time

    static Stream<Arguments> wrongTypes() {
        var cases = new ArrayList<Arguments>();
        for (String bad : List.of("123", "true", "1.5")) {
            cases.add(Arguments.of("/api/v1/programs", "program", "title", bad));
        }
        cases.add(Arguments.of("/api/v1/programs", "program", "code", "9"));
        cases.add(Arguments.of("/api/v1/programs", "program", "kind", "1"));
        cases.add(Arguments.of("/api/v1/programs", "program", "kind", "\"coordination_program\""));
        cases.add(Arguments.of("/api/v1/programs", "program", "aliases", "\"09/Ctr\""));
        cases.add(Arguments.of("/api/v1/programs", "program", "issuers", "[1]"));
        cases.add(Arguments.of("/api/v1/programs", "program", "startsOn", "[2023,1,1]"));
        cases.add(Arguments.of("/api/v1/programs", "program", "endsOn", "\"2033-12-31T00:00:00\""));
        cases.add(Arguments.of("/api/v1/programs", "program", "scopeUnitId", "5"));
        cases.add(Arguments.of("/api/v1/programs/{program}/indicators", "indicator", "name", "5"));
        cases.add(Arguments.of("/api/v1/programs/{program}/indicators", "indicator", "aggregation", "0"));
        cases.add(Arguments.of("/api/v1/programs/{program}/indicators", "indicator", "unitOfMeasure", "false"));
        cases.add(Arguments.of("/api/v1/programs/{program}/targets", "target", "value", "\"10\""));
        cases.add(Arguments.of("/api/v1/programs/{program}/targets", "target", "value", "true"));
        cases.add(Arguments.of("/api/v1/programs/{program}/targets", "target", "unitId", "7"));
        cases.add(Arguments.of("/api/v1/programs/{program}/targets", "target", "periodStart", "20250101"));
        cases.add(Arguments.of("/api/v1/programs/{program}/enrollments", "enrolment", "unitId", "7"));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews", "review", "kind", "2"));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews", "review", "title", "2025"));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews", "review", "periodEnd", "[]"));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews/{review}/awards", "award", "recipientType", "1"));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews/{review}/awards", "award", "recipientName", "true"));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews/{review}/awards", "award", "form", "\"medal\""));
        cases.add(Arguments.of("/api/v1/programs/{program}/reviews/{review}/awards", "award", "issuedBy", "1"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {2}: {3}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsA400NamingTheFieldAndChangesNothing(String path, String body, String field,
            String badValue) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(goodBody(body));
        json.set(field, JSON.readTree(badValue));
        String before = state();
        try (var errors = ErrorLines.capture()) {
            var response = post(path.replace("{program}", program).replace("{review}", review),
                    JSON.writeValueAsString(json));
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
    void aTargetStillTakesAnyJsonNumber() throws Exception {
        for (String value : List.of("10", "12.5")) {
            var response = post("/api/v1/programs/" + program + "/targets",
                    goodBody("target").replace("\"value\":10", "\"value\":" + value));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    // ---- set-up

    private static String goodBody(String kind) {
        return switch (kind) {
            case "program" -> ProgramServiceHarness.programBody("MAL-" + UUID.randomUUID());
            case "indicator" -> "{\"code\":\"sessions\",\"name\":\"Buổi tuyên truyền\",\"unitOfMeasure\":\"buổi\","
                    + "\"aggregation\":\"SUM\"}";
            case "target" -> "{\"indicatorCode\":\"sessions\",\"unitId\":\"" + UNIT + "\",\"periodStart\":\"2025-01-01\","
                    + "\"periodEnd\":\"2025-12-31\",\"value\":10}";
            case "enrolment" -> "{\"unitId\":\"" + UNIT + "\"}";
            case "review" -> "{\"kind\":\"ANNUAL\",\"unitId\":\"" + UNIT + "\",\"periodStart\":\"2025-01-01\","
                    + "\"periodEnd\":\"2025-12-31\",\"title\":\"Sơ kết năm 2025\"}";
            case "award" -> "{\"recipientType\":\"COLLECTIVE\",\"recipientName\":\"Tổ an ninh\",\"unitId\":\"" + UNIT + "\","
                    + "\"form\":\"CERTIFICATE_OF_MERIT\",\"issuedBy\":\"UBND tỉnh\"}";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** What the bad requests could have changed (less the outbox, which drains). */
    private String state() {
        return database.getCollection("programs").countDocuments() + "/"
                + database.getCollection("reviews").countDocuments() + "/"
                + database.getCollection("programs").find(eq("_id", program)).projection(Projections.exclude("outbox"))
                .first() + "/" + database.getCollection("reviews").find(eq("_id", review)).first();
    }

    private String created(String path, String body) throws Exception {
        var response = post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asString();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + SignedTokens.admin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer() {
        return "Authorization: Bearer " + SignedTokens.admin();
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
    }
}
