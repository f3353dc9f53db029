package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import vn.phoihop.gateway.support.FakeUpstream;
import vn.phoihop.gateway.support.GatewayIT;
import vn.phoihop.gateway.support.SseClient;

/**
 * Consumption limits with small settings: each client's rate, body sizes (declared and streamed), the
 * upstream timeout, and CORS for one configured origin. Every test is its own client (token subject) so
 * the buckets do not mix.
 */
@TestPropertySource(properties = {
        "phoihop.gateway.rate-limit.requests-per-second=0.5",
        "phoihop.gateway.rate-limit.burst=10",
        "phoihop.gateway.rate-limit.roles.partner.burst=3",
        "phoihop.gateway.rate-limit.roles.viewer.burst=100",
        "phoihop.web.max-body-bytes=4096",
        "PHOIHOP_IMPORT_MAX_BYTES=65536",
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=3s",
        "phoihop.stream.heartbeat=300ms",
        "phoihop.gateway.cors.allowed-origins=https://dashboard.example.vn"})
class EdgeLimitsIT extends GatewayIT {

    static final String DASHBOARD = "https://dashboard.example.vn";

    @BeforeEach
    void clean() {
        UPSTREAM.forgetRequests();
    }

    @Test
    void aClientOverItsRateGets429sWithRetryAfterOthersDoNotAndItRecovers() throws Exception {
        String greedy = TOKENS.with(c -> c.subject("greedy"));
        List<HttpResponse<String>> answers = burst(50, greedy);

        assertThat(answers).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 429);
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(30); // burst 10, then one every 2 s
        assertThat(answers.size() - refused.size()).isGreaterThanOrEqualTo(10);
        long retryAfter = 0;
        for (var response : refused) {
            EdgeIT.assertProblem(response, 429, "https://phoihop.vn/problems/too-many-requests");
            retryAfter = Math.max(retryAfter, Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()));
        }
        assertThat(retryAfter).isBetween(1L, 2L);

        assertThat(get("/api/v1/units", TOKENS.with(c -> c.subject("modest"))).statusCode())
                .as("another client is not affected").isEqualTo(200);
        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertThat(get("/api/v1/units", greedy).statusCode()).as("recovered after Retry-After").isEqualTo(200);
    }

    @Test
    void aRoleMayHaveItsOwnRate() throws Exception {
        List<HttpResponse<String>> partner = burst(10, TOKENS.with(c -> c.subject("partner-system")
                .claim("roles", List.of("PARTNER"))));
        List<HttpResponse<String>> viewer = burst(30, TOKENS.with(c -> c.subject("dashboard-viewer")
                .claim("roles", List.of("VIEWER"))));

        assertThat(partner).filteredOn(r -> r.statusCode() == 200).hasSizeBetween(3, 5); // burst 3, then 1 per 2 s
        assertThat(partner).filteredOn(r -> r.statusCode() != 200).allMatch(r -> r.statusCode() == 429);
        assertThat(viewer).as("burst 100").allMatch(r -> r.statusCode() == 200);
    }

    @Test
    void withoutATokenTheClientAddressIsRateLimited() throws Exception {
        List<HttpResponse<String>> answers = rapid(50, () -> request("/oauth2/jwks").GET().build());
        assertThat(answers).allMatch(r -> r.statusCode() == 200 || r.statusCode() == 429);
        assertThat(answers).filteredOn(r -> r.statusCode() == 429).hasSizeGreaterThanOrEqualTo(30)
                .allMatch(r -> r.headers().firstValue("Retry-After").isPresent());
        assertThat(get("/api/v1/units", TOKENS.with(c -> c.subject("with-token"))).statusCode())
                .as("a token is its own client").isEqualTo(200);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413AndNeverReachesTheService() throws Exception {
        String token = TOKENS.with(c -> c.subject("big-json"));
        var response = post("/api/v1/units", token, "application/json", HttpRequest.BodyPublishers.ofString(json(5_000)));

        assertThat(response.statusCode()).isEqualTo(413);
        EdgeIT.assertProblem(response, 413, "https://phoihop.vn/problems/content-too-large");
        assertThat(response.body()).contains("4096 bytes");
        Thread.sleep(100);
        assertThat(UPSTREAM.gotNoRequest()).isTrue();

        assertThat(post("/api/v1/units", token, "application/json", HttpRequest.BodyPublishers.ofString(json(4_000)))
                .statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().bodyBytes()).isEqualTo(4_000);
    }

    @Test
    void aStreamedBodyOverTheLimitIs413() throws Exception {
        String token = TOKENS.with(c -> c.subject("chunked-json"));
        var tooLarge = post("/api/v1/activities", token, "application/json", chunked(json(50_000)));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        EdgeIT.assertProblem(tooLarge, 413, "https://phoihop.vn/problems/content-too-large");
        assertThat(tooLarge.headers().firstValue("Connection")).as("the unread rest must not meet the next request")
                .hasValue("close");

        UPSTREAM.forgetRequests();
        var small = post("/api/v1/activities", token, "application/json", chunked(json(3_000)));
        assertThat(small.statusCode()).isEqualTo(200);
        FakeUpstream.Seen seen = UPSTREAM.nextRequest();
        assertThat(seen.bodyBytes()).isEqualTo(3_000);
    }

    @Test
    void importsMayBeLargerThanJsonBodiesUpToTheirOwnLimit() throws Exception {
        String token = TOKENS.with(c -> c.subject("importer"));
        var csv = post("/api/v1/units/import", token, "text/csv", HttpRequest.BodyPublishers.ofString(json(60_000)));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().bodyBytes()).isEqualTo(60_000);

        for (var body : List.of(HttpRequest.BodyPublishers.ofString(json(70_000)), chunked(json(70_000)))) {
            var tooLarge = post("/api/v1/units/merges/import", token, "text/csv", body);
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("65536 bytes");
        }
    }

    @Test
    void aSlowServiceIsA504ProblemNotA500() throws Exception {
        String token = TOKENS.with(c -> c.subject("patient"));
        assertThat(get("/api/v1/units", token).statusCode()).as("warm: keys fetched, code compiled").isEqualTo(200);
        long start = System.nanoTime();
        var response = get(FakeUpstream.SLOW + "/u-1", token);

        assertThat(response.statusCode()).isEqualTo(504);
        EdgeIT.assertProblem(response, 504, "https://phoihop.vn/problems/gateway-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(FakeUpstream.SLOW_MILLIS));
    }

    @Test
    void theLiveStreamOutlivesTheResponseTimeout() throws Exception {
        try (var stream = new SseClient(HTTP, request("/api/v1/stream")
                .header("Authorization", "Bearer " + TOKENS.with(c -> c.subject("watcher"))).GET().build())) {
            assertThat(stream.status()).isEqualTo(200);
            Thread.sleep(4_000); // longer than the response timeout
            assertThat(stream.next(Duration.ofSeconds(2)).comment()).as("still open").isNotNull();
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
                stream.next(Duration.ofSeconds(2)); // heartbeats keep coming after the timeout
            }
        }
    }

    @Test
    void aConfiguredOriginMayCallCrossOriginAndNoOtherMay() throws Exception {
        var allowed = preflight(DASHBOARD);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).get().asString().contains("POST");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).get().asString()
                .containsIgnoringCase("authorization");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        var call = HTTP.send(request("/api/v1/units").header("Origin", DASHBOARD)
                .header("Authorization", "Bearer " + TOKENS.with(c -> c.subject("dashboard"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(DASHBOARD);
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers")).get().asString().contains("Retry-After");
        assertThat(UPSTREAM.nextRequest().method()).isEqualTo("GET");

        var other = preflight("https://evil.example");
        assertThat(other.statusCode()).isEqualTo(403);
        EdgeIT.assertProblem(other, 403, "https://phoihop.vn/problems/forbidden");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Thread.sleep(100);
        assertThat(UPSTREAM.gotNoRequest()).as("preflights end at the gateway").isTrue();
    }

    @Test
    void theSignInPageMaySendTheBrowserBackToAConfiguredDashboard() throws Exception {
        var page = HTTP.send(request("/login").GET().build(), HttpResponse.BodyHandlers.ofString());

        // browsers check form-action on each redirect after the sign-in POST, the last one to the dashboard
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .endsWith("form-action 'self' " + DASHBOARD);
        // under no-referrer a browser would send "Origin: null" with that POST, which CORS refuses
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HTTP.send(request("/api/v1/units").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<HttpResponse<String>> burst(int count, String token) throws Exception {
        return rapid(count, () -> request("/api/v1/units").header("Authorization", "Bearer " + token).GET().build());
    }

    /** One after the other, as fast as the gateway answers. */
    private static List<HttpResponse<String>> rapid(int count, Supplier<HttpRequest> request) throws Exception {
        var answers = new ArrayList<HttpResponse<String>>();
        for (int i = 0; i < count; i++) {
            answers.add(HTTP.send(request.get(), HttpResponse.BodyHandlers.ofString()));
        }
        return answers;
    }

    private HttpResponse<String> post(String path, String token, String type, HttpRequest.BodyPublisher body)
            throws Exception {
        return HTTP.send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", type)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** No declared length: Transfer-Encoding chunked. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        byte[] bytes = body.getBytes();
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    }

    /** A JSON string literal of exactly {@code length} bytes. */
    private static String json(int length) {
        return "\"" + "a".repeat(length - 2) + "\"";
    }
}
