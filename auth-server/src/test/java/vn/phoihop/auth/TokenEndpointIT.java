package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.phoihop.testsupport.WithInfrastructure;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.issuer-uri=http://issuer.test:9000",
        "phoihop.auth.admin-client-secret=it-secret-from-env",
        "phoihop.auth.access-token-ttl=10m",
        "spring.mongodb.database=token-endpoint-it",
        "phoihop.web.max-body-bytes=4096"})
@WithInfrastructure
class TokenEndpointIT {

    private static final Path DATA = tempDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("phoihop.auth.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;

    private TokenHttp http;

    @BeforeEach
    void client() {
        http = new TokenHttp("http://localhost:" + port);
    }

    @Test
    void adminGetsASignedTokenWithItsClaimsAndTheConfiguredIssuer() {
        var response = http.tokenWithBasic("admin", "it-secret-from-env");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"token_type\":\"Bearer\"").contains("\"expires_in\"");

        Jwt jwt = http.jwksDecoder().decode(TokenHttp.accessToken(response));

        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsKey("kid");
        assertThat(jwt.getIssuer()).hasToString("http://issuer.test:9000"); // not the host name we used
        assertThat(jwt.getSubject()).isEqualTo("admin");
        assertThat(jwt.getAudience()).containsExactly("phoihop");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("ADMIN");
        assertThat(jwt.getClaimAsString("agency")).isEqualTo("OTHER");
        assertThat(jwt.getClaimAsStringList("permissions")).containsExactly("pii:read");
        assertThat(jwt.hasClaim("unitId")).as("national scope").isFalse();
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
        assertThat(jwt.getExpiresAt()).isAfter(Instant.now());
    }

    @Test
    void clientSecretPostIsAcceptedToo() {
        assertThat(http.tokenWithPost("admin", "it-secret-from-env").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongSecretIsAStandardInvalidClient401() {
        var response = http.tokenWithBasic("admin", "not-the-secret");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"invalid_client\"");
    }

    @Test
    void unknownClientIsAStandardInvalidClient401() {
        var response = http.tokenWithBasic("nobody", "it-secret-from-env");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"invalid_client\"");
    }

    @Test
    void configuredSecretIsNotWrittenToDisk() {
        assertThat(DATA.resolve("admin-client-secret")).doesNotExist();
    }

    @Test
    void healthIsOpenAndUp() {
        var response = http.get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void otherActuatorEndpointsAreNotReachable() {
        assertThat(http.get("/actuator/env").statusCode()).isIn(401, 404);
        assertThat(http.get("/actuator/beans").statusCode()).isIn(401, 404);
    }

    @Test
    void discoveryNamesTheConfiguredIssuerAndJwks() {
        var response = http.get("/.well-known/oauth-authorization-server");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"issuer\":\"http://issuer.test:9000\"")
                .contains("\"jwks_uri\":\"http://issuer.test:9000/oauth2/jwks\"");
    }

    @Test
    void everyAnswerCarriesTheRequestIdGivenOrAFreshOne() {
        var token = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/oauth2/token"))
                .header("X-Request-Id", "req-42").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(token.headers().firstValue("X-Request-Id")).hasValue("req-42");

        var refused = http.call("GET", "/api/v1/clients", null, null);
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        var forged = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/actuator/health"))
                .header("X-Request-Id", "a\"b<script>").build());
        assertThat(forged.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).doesNotContain("<"));
    }

    @Test
    void aBodyOverTheLimitIs413BeforeAnythingReadsIt() {
        String admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "it-secret-from-env"));
        String big = "{\"name\":\"" + "x".repeat(5000) + "\"}";

        var api = http.call("POST", "/api/v1/clients", admin, big);
        var token = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&x=" + "y".repeat(5000)))
                .build());

        TokenHttp.assertProblem(api, 413);
        TokenHttp.assertProblem(token, 413);
        assertThat(http.call("POST", "/api/v1/clients", admin, "{\"name\":\"small\"}").statusCode())
                .as("the control: a small body is read").isEqualTo(400);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("auth-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
