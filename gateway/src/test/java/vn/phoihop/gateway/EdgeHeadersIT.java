package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import vn.phoihop.gateway.support.FakeUpstream;
import vn.phoihop.gateway.support.GatewayIT;

/**
 * What a client may not decide at the edge: identity and proxy headers, internal paths, cross-origin calls
 * (none allowed by default); and the security headers on every answer. Same context as {@link EdgeIT}.
 */
class EdgeHeadersIT extends GatewayIT {

    static final List<String> SPOOFED = List.of("X-User-Id", "X-User-Roles", "X-UserId", "X-Scope-Unit",
            "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "Forwarded", "X-Real-IP",
            "X-Client-IP", "True-Client-IP", "X-Internal-Caller", "X-Original-URL", "X-HTTP-Method-Override");

    @Autowired
    List<SecurityWebFilterChain> securityChains;

    @BeforeEach
    void clean() {
        UPSTREAM.forgetRequests();
    }

    @Test
    void spoofedIdentityAndProxyHeadersNeverReachAServiceWhichSeesTheTruePeer() throws Exception {
        for (String path : new String[] {"/api/v1/units", "/oauth2/token"}) {
            var request = request(path).header("Authorization", "Bearer " + TOKENS.valid());
            SPOOFED.forEach(name -> request.header(name, name.equals("Forwarded") ? "for=6.6.6.6" : "6.6.6.6"));
            var response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            FakeUpstream.Seen seen = UPSTREAM.nextRequest();
            assertThat(seen.method()).as("no method override").isEqualTo("GET");
            assertThat(seen.headers()).as(path).containsKeys("authorization", "x-request-id")
                    .containsEntry("x-forwarded-for", "127.0.0.1");
            assertThat(seen.headers().keySet()).as(path)
                    .noneMatch(name -> name.startsWith("x-user") || name.startsWith("x-scope")
                            || name.startsWith("x-internal") || (name.startsWith("x-forwarded-") && !name.equals("x-forwarded-for"))
                            || List.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip", "x-original-url",
                                    "x-http-method-override").contains(name));
            assertThat(seen.headers().values()).as(path).noneMatch(value -> value.contains("6.6.6.6"));
        }
    }

    @Test
    void apiAnswersCarrySecurityHeadersAndAreNotStored() throws Exception {
        for (var response : List.of(get("/api/v1/units", TOKENS.valid()), get("/api/v1/units", null))) {
            assertThat(response.statusCode()).isIn(200, 401);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; frame-ancestors 'none'");
            assertSecurityHeaders(response);
            assertThat(response.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        }
    }

    @Test
    void theDocsPagesHaveAPolicyForTheirOwnScriptsOnly() throws Exception {
        var page = get("/swagger-ui/index.html", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertSecurityHeaders(page);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("script-src");
        // no inline script, which the policy would block: every <script> loads a file
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page.body()).find()).isFalse();
    }

    @Test
    void strictTransportSecurityOnlyOverHttps() {
        var chain = new WebFilterChainProxy(securityChains);
        var https = MockServerWebExchange.from(MockServerHttpRequest.get("https://gateway.test/actuator/health"));
        var http = MockServerWebExchange.from(MockServerHttpRequest.get("http://gateway.test/actuator/health"));

        chain.filter(https, exchange -> exchange.getResponse().setComplete()).block();
        chain.filter(http, exchange -> exchange.getResponse().setComplete()).block();

        assertThat(https.getResponse().getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(http.getResponse().getHeaders().containsHeader("Strict-Transport-Security")).isFalse();
    }

    @Test
    void noOriginMayCallTheApiCrossOriginByDefault() throws Exception {
        var preflight = HTTP.send(request("/api/v1/units")
                .header("Origin", "https://dashboard.example.vn")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        var call = HTTP.send(request("/api/v1/units")
                .header("Origin", "https://dashboard.example.vn")
                .header("Authorization", "Bearer " + TOKENS.valid())
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        for (var response : List.of(preflight, call)) {
            assertThat(response.statusCode()).isEqualTo(403);
            EdgeIT.assertProblem(response, 403, "https://phoihop.vn/problems/forbidden");
            assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
        Thread.sleep(100);
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void internalPathsAreNotReachableThroughTheRoutes() throws Exception {
        for (String path : new String[] {
                "/actuator/env", "/actuator/gateway/routes", "/actuator/heapdump",
                "/api/v1/units/../../actuator/env", "/api/v1/units/..%2F..%2Factuator/env",
                "/api/v1/units/%2e%2e/%2e%2e/actuator/env", "/api/v1/programs/..;/..;/actuator/env",
                "/api/v1/units;/../../actuator/env", "/v3/api-docs/units/../../../actuator/env",
                "/api/v1/units/%2E%2E%5C%2E%2E%5Cactuator/env"}) {
            var response = get(path, TOKENS.valid());
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            EdgeIT.assertProblem(response, response.statusCode(), response.statusCode() == 400
                    ? "https://phoihop.vn/problems/bad-request" : "https://phoihop.vn/problems/not-found");
            if (response.statusCode() == 400) {
                assertThat(response.headers().firstValue("Connection")).as(path).hasValue("close");
            }
        }
        Thread.sleep(100);
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }
}
