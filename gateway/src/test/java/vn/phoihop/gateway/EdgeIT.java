package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.phoihop.gateway.support.FakeUpstream;
import vn.phoihop.gateway.support.GatewayIT;

/** Routing, token validation, correlation ids and problems, against a fake auth-server and services. */
class EdgeIT extends GatewayIT {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @BeforeEach
    void clean() {
        UPSTREAM.forgetRequests();
    }

    @Test
    void validTokenReachesTheUnitServiceWithTokenAndRequestId() throws Exception {
        String token = TOKENS.valid();
        var response = HTTP.send(request("/api/v1/units/u-1?x=1")
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", "client.id-42")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"backend\":true}");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client.id-42");
        FakeUpstream.Seen seen = UPSTREAM.nextRequest();
        assertThat(seen.path()).isEqualTo("/api/v1/units/u-1");
        assertThat(seen.headers()).containsEntry("authorization", "Bearer " + token)
                .containsEntry("x-request-id", "client.id-42");
    }

    @Test
    void unsafeRequestIdIsReplacedAndTheSameIdGoesBothWays() throws Exception {
        var response = HTTP.send(request("/api/v1/activities")
                .header("Authorization", "Bearer " + TOKENS.valid())
                .header("X-Request-Id", "bad id <script>")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches(UUID_PATTERN);
        FakeUpstream.Seen seen = UPSTREAM.nextRequest();
        assertThat(seen.path()).isEqualTo("/api/v1/activities");
        assertThat(seen.headers()).containsEntry("x-request-id", id);
    }

    @Test
    void requestWithoutIdGetsOne() throws Exception {
        var response = get("/api/v1/programs/p-1/progress", TOKENS.valid());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).get().asString().matches(UUID_PATTERN);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/api/v1/programs/p-1/progress");
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("no token", (Supplier<String>) () -> null, "Bearer"),
                Arguments.of("expired", (Supplier<String>) TOKENS::expired, "Bearer error=\"invalid_token\""),
                Arguments.of("expired beyond the 60 s skew", (Supplier<String>) () -> TOKENS.expiredSecondsAgo(90),
                        "Bearer error=\"invalid_token\""),
                Arguments.of("not yet valid", (Supplier<String>) TOKENS::notYetValid, "Bearer error=\"invalid_token\""),
                Arguments.of("no audience", (Supplier<String>) TOKENS::withoutAudience, "Bearer error=\"invalid_token\""),
                Arguments.of("HS256 with the public key", (Supplier<String>) TOKENS::hmacSignedWithThePublicKey,
                        "Bearer error=\"invalid_token\""),
                Arguments.of("tampered payload", (Supplier<String>) TOKENS::tamperedPayload, "Bearer error=\"invalid_token\""),
                Arguments.of("unknown key id", (Supplier<String>) TOKENS::unknownKeyId, "Bearer error=\"invalid_token\""),
                Arguments.of("wrong issuer", (Supplier<String>) TOKENS::wrongIssuer, "Bearer error=\"invalid_token\""),
                Arguments.of("wrong audience", (Supplier<String>) TOKENS::wrongAudience, "Bearer error=\"invalid_token\""),
                Arguments.of("other key", (Supplier<String>) TOKENS::signedByAnotherKey, "Bearer error=\"invalid_token\""),
                Arguments.of("alg none", (Supplier<String>) TOKENS::unsigned, "Bearer error=\"invalid_token\""),
                Arguments.of("garbage", (Supplier<String>) () -> "not-a-jwt", "Bearer error=\"invalid_token\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedTokenIsA401ProblemAndNeverReachesTheService(String name, Supplier<String> token, String challenge)
            throws Exception {
        var response = get("/api/v1/units", token.get());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
        assertProblem(response, 401, "https://phoihop.vn/problems/unauthorized");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        Thread.sleep(100);
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void aTokenExpiredWithinTheClockSkewIsStillAccepted() throws Exception {
        assertThat(get("/api/v1/units", TOKENS.expiredSecondsAgo(20)).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/api/v1/units");
    }

    /** Signed by the right key, from the right issuer, for the right audience: only the lifetime is wrong. */
    static Stream<Arguments> tokensWithoutABoundedLifetime() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("no exp", TOKENS.with(c -> c.expirationTime(null))),
                Arguments.of("no iat", TOKENS.with(c -> c.issueTime(null))),
                Arguments.of("neither", TOKENS.with(c -> c.issueTime(null).expirationTime(null))),
                Arguments.of("a year long", TOKENS.with(c -> c.issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofDays(365)))))),
                Arguments.of("a second over the maximum", TOKENS.with(c -> c.issueTime(Date.from(now.minusSeconds(60)))
                        .expirationTime(Date.from(now.minusSeconds(60).plus(Duration.ofHours(1)).plusSeconds(1))))),
                Arguments.of("issued in the future", TOKENS.with(c -> c.issueTime(Date.from(now.plus(Duration.ofDays(30))))
                        .expirationTime(Date.from(now.plus(Duration.ofDays(30)).plusSeconds(600))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokensWithoutABoundedLifetime")
    void aTokenMustSayWhenItWasIssuedAndExpiresAndLiveAtMostAnHour(String name, String token) throws Exception {
        var response = get("/api/v1/units", token);

        assertThat(response.statusCode()).as(name).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
        assertProblem(response, 401, "https://phoihop.vn/problems/unauthorized");
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void aTokenOfTheMaximumLifetimeIsAccepted() throws Exception {
        Instant issued = Instant.now().minusSeconds(60);
        String token = TOKENS.with(c -> c.issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(Duration.ofHours(1)))));

        assertThat(get("/api/v1/units", token).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/api/v1/units");
    }

    @Test
    void unknownPathIsA404Problem() throws Exception {
        var response = get("/api/v1/nothing-here", TOKENS.valid());
        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, 404, "https://phoihop.vn/problems/not-found");
        assertThat(response.body()).doesNotContain("static resource");
    }

    @Test
    void actuatorShowsOnlyHealth() throws Exception {
        // UP once the event feed reads Kafka (EventFeedHealthIndicator)
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health", null).statusCode() == 200);
        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"");

        for (String path : new String[] {"/actuator/env", "/actuator/gateway/routes", "/actuator/beans"}) {
            var response = get(path, TOKENS.valid());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertProblem(response, 404, "https://phoihop.vn/problems/not-found");
        }
        assertThat(get("/actuator/env", null).statusCode()).isEqualTo(401);
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void openPathsIgnoreAStaleToken() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health", null).statusCode() == 200);
        assertThat(get("/actuator/health", TOKENS.expired()).statusCode()).isEqualTo(200);
        assertThat(get("/v3/api-docs/units", TOKENS.expired()).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().headers()).as("relayed all the same")
                .containsKey("authorization");
    }

    @Test
    void tokenEndpointIsOpenAndRelaysTheClientCredentials() throws Exception {
        var response = HTTP.send(request("/oauth2/token")
                .header("Authorization", "Basic YWRtaW46c2VjcmV0")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        FakeUpstream.Seen seen = UPSTREAM.nextRequest();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/oauth2/token");
        assertThat(seen.headers()).containsEntry("authorization", "Basic YWRtaW46c2VjcmV0");
    }

    @Test
    void theClientsAdminApiGoesToTheAuthServerWithTheTokenWhichChecksTheRoleItself() throws Exception {
        String token = TOKENS.valid();
        assertThat(get("/api/v1/clients?limit=2", token).statusCode()).isEqualTo(200);
        FakeUpstream.Seen list = UPSTREAM.nextRequest();
        assertThat(list.path()).isEqualTo("/api/v1/clients");
        assertThat(list.headers()).containsEntry("authorization", "Bearer " + token);

        var deleted = HTTP.send(request("/api/v1/clients/c-1").header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        FakeUpstream.Seen delete = UPSTREAM.nextRequest();
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.path()).isEqualTo("/api/v1/clients/c-1");

        assertThat(get("/api/v1/clients", null).statusCode()).isEqualTo(401);
        Thread.sleep(100);
        assertThat(UPSTREAM.gotNoRequest()).as("anonymous calls stop at the gateway").isTrue();
    }

    @Test
    void discoveryAndJwksAreOpenRoutesToTheAuthServer() throws Exception {
        assertThat(get("/.well-known/openid-configuration", null).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/.well-known/openid-configuration");
        assertThat(get("/oauth2/jwks", null).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/oauth2/jwks");
    }

    @Test
    void signInIsOpenAndTheAdminApiForUsersAndKeysRoutesToTheAuthServer() throws Exception {
        assertThat(get("/oauth2/authorize?response_type=code&client_id=dashboard", null).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/oauth2/authorize");
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/login");
        for (String path : new String[] {"/api/v1/users", "/api/v1/users/u-1", "/api/v1/keys", "/api/v1/keys/rotate"}) {
            assertThat(get(path, TOKENS.valid()).statusCode()).isEqualTo(200);
            assertThat(UPSTREAM.nextRequest().path()).isEqualTo(path);
        }
        assertThat(get("/api/v1/users", null).statusCode()).isEqualTo(401);
    }

    @Test
    void serviceApiDocsAreOpenAndRewrittenToTheServicesDocument() throws Exception {
        assertThat(get("/v3/api-docs/units", null).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/v3/api-docs");
        assertThat(get("/v3/api-docs/programs", null).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().path()).isEqualTo("/v3/api-docs");
    }

    @Test
    void swaggerUiListsBothServices() throws Exception {
        var ui = get("/swagger-ui.html", null);
        assertThat(ui.statusCode()).isIn(200, 302);
        var config = get("/v3/api-docs/swagger-config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs/units").contains("/v3/api-docs/programs");
        var own = get("/v3/api-docs", null);
        assertThat(own.body()).contains("/api/v1/stream");
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void wrongMethodIsAProblemNotA500() throws Exception {
        var response = HTTP.send(request("/api/v1/stream")
                .header("Authorization", "Bearer " + TOKENS.valid())
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
        assertProblem(response, 405, "https://phoihop.vn/problems/method-not-allowed");
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body())
                .contains("\"type\":\"" + type + "\"")
                .contains("\"title\":")
                .contains("\"status\":" + status)
                .contains("\"detail\":");
    }
}
