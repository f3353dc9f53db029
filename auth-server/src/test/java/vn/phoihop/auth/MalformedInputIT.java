package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.phoihop.testsupport.ErrorLines;
import vn.phoihop.testsupport.RawHttp;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * auth-server wires platform's pieces by hand; it refuses malformed input as the services do: parameters (query or
 * form) that are not percent-encoded UTF-8, malformed paths and bearer tokens, and bodies of the admin API whose
 * JSON types differ from the contract (a number where the username belongs made a user named "123").
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.issuer-uri=http://issuer.test:9000",
        "phoihop.auth.admin-client-secret=malformed-it-admin-secret",
        "spring.mongodb.database=malformed-it"})
@WithInfrastructure
class MalformedInputIT {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String BASIC = "Authorization: Basic " + Base64.getEncoder()
            .encodeToString("admin:malformed-it-admin-secret".getBytes(StandardCharsets.UTF_8));

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("malformed-it");
        registry.add("phoihop.auth.data-dir", data::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    private TokenHttp http;
    private String admin;

    @BeforeEach
    void adminToken() {
        http = new TokenHttp("http://localhost:" + port);
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "malformed-it-admin-secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/clients?cursor=%FF", "/api/v1/clients?unknown=%ZZ", "/api/v1/users?limit=%00",
            "/api/v1/users?cursor=%C3%28", "/api/v1/keys?x=%FF%FE"})
    void aQueryStringThatIsNotPercentEncodedUtf8OrHoldsAControlCharacterIsA400(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, target, "Authorization: Bearer " + admin), 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type=%FF", "grant_type=client_credentials&scope=%ZZ", "grant_type=%C3%28"})
    void aTokenRequestWhoseFormIsNotPercentEncodedUtf8IsA400(String form) throws Exception {
        try (var errors = ErrorLines.capture()) {
            var response = RawHttp.send(port, "POST", "/oauth2/token", "application/x-www-form-urlencoded", form, BASIC);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(errors.lines()).as(form).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/oauth2/token?grant_type=%FF", "/oauth2/authorize?client_id=%FF&response_type=code",
            "/login?error=%00"})
    void theAuthorizationServersOwnEndpointsRefuseBadQueriesToo(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.send(port, target.startsWith("/oauth2/token") ? "POST" : "GET", target,
                    "application/x-www-form-urlencoded", "", BASIC), 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/clients/%FF", "/api/v1/clients/%ZZ", "/api/v1/users/%00"})
    void aMalformedPathIsA400Problem(String target) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, target, "Authorization: Bearer " + admin), 400);
            assertThat(errors.lines()).as(target).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "a.b", "a.b.c.d", "WzFd.e30.x"})
    void aMalformedBearerTokenIsA401(String token) throws Exception {
        try (var errors = ErrorLines.capture()) {
            assertProblem(RawHttp.get(port, "/api/v1/clients", "Authorization: Bearer " + token), 401);
            assertThat(errors.lines()).as(token).isEmpty();
        }
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("/api/v1/clients", "name", "5"),
                Arguments.of("/api/v1/clients", "name", "true"),
                Arguments.of("/api/v1/clients", "roles", "\"ADMIN\""),
                Arguments.of("/api/v1/clients", "roles", "[1]"),
                Arguments.of("/api/v1/clients", "unitId", "31117"),
                Arguments.of("/api/v1/clients", "agency", "0"),
                Arguments.of("/api/v1/clients", "permissions", "[true]"),
                Arguments.of("/api/v1/users", "username", "123"),
                Arguments.of("/api/v1/users", "displayName", "true"),
                Arguments.of("/api/v1/users", "unitId", "7.5"));
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongJsonTypeIsA400NamingTheFieldAndCreatesNobody(String path, String field, String badValue)
            throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"roles":["VIEWER"],"unitId":"u-31117","agency":"POLICE","permissions":[]}""");
        if (path.endsWith("users")) {
            body.put("username", "can-bo-" + System.nanoTime()).put("displayName", "Cán bộ xã");
        } else {
            body.put("name", "Đối tác " + System.nanoTime());
        }
        body.set(field, JSON.readTree(badValue));
        long before = principals();
        try (var errors = ErrorLines.capture()) {
            var response = http.call("POST", path, admin, JSON.writeValueAsString(body));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(TokenHttp.json(response).path("errors").path(0).path("field").asString()).as(response.body())
                    .startsWith(field);
            assertThat(errors.lines()).isEmpty();
        }
        assertThat(principals()).isEqualTo(before);
    }

    @Test
    void aFieldSentTwiceIsA400() {
        var response = http.call("POST", "/api/v1/clients", admin, """
                {"name":"Đối tác A","name":"Đối tác B","roles":["VIEWER"],"unitId":"u-1","agency":"OTHER"}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TokenHttp.json(response).path("errors").path(0).path("field").asString()).isEqualTo("name");
    }

    private long principals() {
        return database.getCollection("clients").countDocuments() + database.getCollection("users").countDocuments();
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
    }
}
