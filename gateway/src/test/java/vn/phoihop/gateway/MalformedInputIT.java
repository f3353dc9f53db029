package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.testsupport.ErrorLines;
import vn.phoihop.testsupport.RawHttp;

/**
 * Malformed input at the edge: bearer tokens of every wrong shape (an encrypted one, five parts, was a 500 with a
 * stack trace), URIs that are not percent-encoded UTF-8 or hold control characters (refused before routing, on
 * the gateway's own endpoints and on the services' alike), and webhook registrations whose JSON types differ from
 * the contract. Each is a 4xx problem, reaches no service and leaves no line at ERROR.
 */
class MalformedInputIT extends GatewayIT {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    @Autowired
    MongoDatabase database;

    @BeforeEach
    void clean() {
        UPSTREAM.forgetRequests();
    }

    static Stream<String> malformedTokens() {
        return Stream.of(
                "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
                part("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".." + part("iv") + "." + part("ct") + "." + part("tag"),
                "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b",
                "a", "a.b", "a.b.c", "a.b.c.d", "a.b.c.d.e.f", "....",
                part("[1]") + "." + part("{}") + ".x", part("\"x\"") + "." + part("{}") + ".x",
                part("{\"alg\":\"RS256\"}") + "." + part("[1,2]") + ".x",
                part("{\"alg\":\"RS256\",\"kid\":\"test-key\"}") + "." + part("{\"sub\":\"a\"}") + ".AAAA",
                part("{\"alg\":\"RS256\",\"kid\":\"test-key\",\"crit\":[\"exp\"]}") + "." + part("{}") + ".AAAA",
                "%%%.***.!!!", "x".repeat(6000));
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void aMalformedBearerTokenIsA401ProblemThatReachesNoService(String token) throws Exception {
        try (var errors = ErrorLines.capture()) {
            var response = get("/api/v1/units", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(errors.lines()).isEmpty();
        }
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/v1/units?q=%ZZ", "/api/v1/units?q=%F", "/api/v1/units?q=%FF%FE", "/api/v1/units?unknown=%FF",
            "/api/v1/units?q=H%C3%B2a%00L%E1%BB%A3i", "/api/v1/activities?status=%C3%28", "/api/v1/units/%FF",
            "/api/v1/units/%C3%28", "/api/v1/units/a%00b", "/api/v1/units?q=\u00ff\u00fe", "/api/v1/units?q=a|b",
            "/api/v1/programs?q=%FF", "/api/v1/clients?cursor=%FF",
            "/api/v1/stream?programId=%FF", "/api/v1/stream?types=%00", "/api/v1/stream?unitId=%ZZ",
            "/api/v1/webhooks?cursor=%FF", "/api/v1/webhooks/%FF", "/api/v1/webhooks/%ZZ/deliveries",
            "/api/v1/audit?service=%FF", "/api/v1/audit?service=un%69ts%00", "/api/v1/audit?service=units&actor=%FF",
            "/actuator/health?x=%ZZ",
            "/oauth2/token?grant_type=%FF"})
    void aUriThatIsNotPercentEncodedUtf8OrHoldsAControlCharacterIsA400ProblemBeforeRouting(String target)
            throws Exception {
        try (var errors = ErrorLines.capture()) {
            var response = RawHttp.get(port, target, "Authorization: Bearer " + TOKENS.valid());
            assertThat(response.status()).as(target + " " + response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(target).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
        assertThat(UPSTREAM.gotNoRequest()).as(target).isTrue();
    }

    @Test
    void theRefusalNamesTheQueryParameterAndCarriesARequestId() throws Exception {
        var response = RawHttp.get(port, "/api/v1/stream?types=%00", "Authorization: Bearer " + TOKENS.valid());
        assertThat(response.body()).contains("\"field\":\"types\"");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    /** (A control character in a header is refused by Netty's decoder itself, with a bare 400.) */
    @ParameterizedTest
    @ValueSource(strings = {"Last-Event-ID: \u00ff\u00fe", "Last-Event-ID: %FF", "Last-Event-ID: a\u0085b"})
    void aLastEventIdWithBadBytesIsA400(String header) throws Exception {
        var response = RawHttp.get(port, "/api/v1/stream", "Authorization: Bearer " + TOKENS.valid(), header);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("url", "5"), Arguments.of("url", "true"), Arguments.of("url", "[\"https://a.example\"]"),
                Arguments.of("eventTypes", "\"unit.created.v1\""), Arguments.of("eventTypes", "[1]"),
                Arguments.of("programId", "7"), Arguments.of("unitId", "true"), Arguments.of("programId", "1.5"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongTypes")
    void aWebhookWithAValueOfTheWrongJsonTypeIsA400NamingTheFieldAndStoresNothing(String field, String badValue)
            throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(
                "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"unit.created.v1\"]}");
        body.set(field, JSON.readTree(badValue));
        long before = database.getCollection("webhooks").countDocuments();
        try (var errors = ErrorLines.capture()) {
            var response = post("/api/v1/webhooks", JSON.writeValueAsString(body));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("errors").path(0).path("field").asString())
                    .as(response.body()).startsWith(field);
            assertThat(errors.lines()).isEmpty();
        }
        assertThat(database.getCollection("webhooks").countDocuments()).isEqualTo(before);
    }

    @Test
    void aWebhookFieldSentTwiceIsA400() throws Exception {
        var response = post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/a\",\"url\":\"http://127.0.0.1:9/b\","
                + "\"eventTypes\":[\"unit.created.v1\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("errors").path(0).path("field").asString()).isEqualTo("url");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(request(path).header("Authorization", "Bearer " + TOKENS.valid())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String part(String json) {
        return URL.encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
