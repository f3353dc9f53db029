package vn.phoihop.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.gateway.GatewayApplication;
import vn.phoihop.gateway.support.FakeUpstream;
import vn.phoihop.gateway.support.TestTokens;
import vn.phoihop.testsupport.TestInfrastructure;

/**
 * Sign-in for the web app through the gateway, against a stand-in for auth-server's token endpoint: the cookie, the
 * session endpoint, the relay of the person's token to the services, CSRF, refresh, expiry, sign-out, and a session
 * that outlives a restart of the gateway.
 */
class WebSessionIT {

    private static final TestTokens TOKENS = new TestTokens();
    private static final FakeUpstream UPSTREAM = new FakeUpstream(TOKENS.publicKeys());
    private static final FakeAuthServer AUTH = new FakeAuthServer(TOKENS);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATABASE = "gateway-sessions-" + UUID.randomUUID();
    private static final Pattern COOKIE = Pattern.compile(
            "__Host-phoihop-session=([A-Za-z0-9_-]{43}); (?i:Path=/; Secure; HttpOnly; SameSite=Strict)");
    private static final FakeAuthServer.Person OFFICER =
            new FakeAuthServer.Person("user:can.bo.an", "u-31117", List.of("UNIT_OFFICER"), Duration.ofMinutes(15));

    private static ConfigurableApplicationContext gateway;
    private static MongoCollection<Document> stored;

    @BeforeAll
    static void start() {
        gateway = startGateway();
        stored = MongoClients.create(TestInfrastructure.mongoUri()).getDatabase(DATABASE).getCollection("web_sessions");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        AUTH.close();
        UPSTREAM.close();
    }

    @BeforeEach
    @AfterEach
    void noRequestLeft() {
        UPSTREAM.forgetRequests();
    }

    @Test
    void signingInSetsTheStrictHostCookieAndLandsOnTheReturnPath() throws Exception {
        var landing = callback(signInStart("/programs/p-1?period=2019"), OFFICER);

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.headers().allValues("Set-Cookie")).singleElement().asString().matches(COOKIE);
        assertThat(landing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(landing.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(landing.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=/programs/p-1?period=2019\">")
                .doesNotContain(AUTH.lastAccessToken).doesNotContain(AUTH.lastRefreshToken);
    }

    @Test
    void aReturnThatIsNotAPathOfThisOriginLandsOnTheRoot() throws Exception {
        for (String bad : List.of("https://evil.test/", "//evil.test/x", "/\\evil.test", "\\\\evil.test", "evil.test",
                "javascript:alert(1)", " /programs", "")) {
            var landing = callback(signInStart(bad), OFFICER);
            assertThat(landing.body()).as(bad).contains("content=\"0;url=/\"");
        }
        var crlf = get("/auth/sign-in?return=%2Fok%0D%0ASet-Cookie:%20x=1", null);
        assertThat(crlf.statusCode()).as("control characters are refused at the edge").isEqualTo(400);
        assertThat(crlf.headers().allValues("Set-Cookie")).isEmpty();
        var markup = callback(signInStart("/a\"><script>alert(1)</script>"), OFFICER);
        assertThat(markup.body()).doesNotContain("<script>").contains("content=\"0;url=/\"");
        var escaped = callback(signInStart("/a'b?x=1&y=2"), OFFICER);
        assertThat(escaped.body()).contains("content=\"0;url=/a&#39;b?x=1&amp;y=2\"");
    }

    @Test
    void theSessionSaysWhoIsSignedInAndGivesTheCsrfTokenButNoToken() throws Exception {
        String cookie = signIn(OFFICER);

        var session = get("/auth/session", cookie);

        assertThat(session.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(session.body());
        assertThat(body.path("subject").asString()).isEqualTo("user:can.bo.an");
        assertThat(body.path("username").asString()).isEqualTo("can.bo.an");
        assertThat(body.path("roles").toString()).isEqualTo("[\"UNIT_OFFICER\"]");
        assertThat(body.path("agency").asString()).isEqualTo("POLICE");
        assertThat(body.path("unitId").asString()).isEqualTo("u-31117");
        assertThat(body.path("permissions").isArray()).isTrue();
        assertThat(java.time.Instant.parse(body.path("expiresAt").asString())).isAfter(java.time.Instant.now());
        assertThat(body.path("csrfToken").asString()).hasSize(43);
        assertThat(session.body()).doesNotContain(AUTH.lastAccessToken).doesNotContain(AUTH.lastRefreshToken);
    }

    @Test
    void anUnknownForgedOrMissingSessionIs401SessionExpired() throws Exception {
        for (String cookie : new String[] {null, "A".repeat(43), "not-a-cookie", "\"; DROP"}) {
            var session = get("/auth/session", cookie);
            assertSessionExpired(session);
        }
        assertSessionExpired(get("/api/v1/units", "A".repeat(43)));
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void theDatabaseHoldsNeitherTheCookieNorAToken() throws Exception {
        String cookie = signIn(OFFICER);

        Document document = stored.find(new Document("subject", "user:can.bo.an")).sort(new Document("createdAt", -1)).first();

        assertThat(document.toJson()).doesNotContain(cookie).doesNotContain(AUTH.lastAccessToken)
                .doesNotContain(AUTH.lastRefreshToken);
        assertThat(document.getDate("expiresAt")).isNotNull();
    }

    @Test
    void apiCallsWithTheCookieCarryThePersonsTokenAndNotTheCookie() throws Exception {
        String cookie = signIn(OFFICER);
        String token = AUTH.lastAccessToken;

        var response = HTTP.send(request("/api/v1/units").header("Cookie", "theme=dark; __Host-phoihop-session=" + cookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        var seen = UPSTREAM.nextRequest();
        assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + token);
        assertThat(seen.headers().get("cookie")).isEqualTo("theme=dark");
    }

    @Test
    void theSessionCookieAndCsrfTokenNeverLeaveTheGateway() throws Exception {
        String cookie = signIn(OFFICER);

        var docs = HTTP.send(request("/v3/api-docs/units").header("Cookie", "__Host-phoihop-session=" + cookie + "; theme=dark")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().headers().get("cookie")).as("an open route").isEqualTo("theme=dark");

        assertThat(post("/api/v1/units", cookie, csrf(cookie), null).statusCode()).isEqualTo(200);
        var seen = UPSTREAM.nextRequest();
        assertThat(seen.headers()).doesNotContainKeys("cookie", "x-csrf-token");
    }

    @Test
    void writesWithTheCookieNeedTheCsrfTokenFromThisOrigin() throws Exception {
        String cookie = signIn(OFFICER);
        String csrf = csrf(cookie);

        assertThat(post("/api/v1/units", cookie, null, null).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/units", cookie, "wrong-" + csrf, null).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/units", cookie, csrf.substring(1), null).statusCode()).isEqualTo(403);
        var otherOrigin = post("/api/v1/units", cookie, csrf, "http://evil.test");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(UPSTREAM.gotNoRequest()).as("nothing reached a service").isTrue();

        assertThat(post("/api/v1/units", cookie, csrf, "http://localhost:" + port(gateway)).statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().method()).isEqualTo("POST");
        assertThat(post("/api/v1/units", cookie, csrf, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBearerTokenWinsOverTheCookieAndWorksAsBefore() throws Exception {
        String admin = TOKENS.valid();
        String forged = "A".repeat(43);

        var withForgedCookie = HTTP.send(request("/api/v1/units").header("Authorization", "Bearer " + admin)
                .header("Cookie", "__Host-phoihop-session=" + forged).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withForgedCookie.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.nextRequest().headers().get("authorization")).isEqualTo("Bearer " + admin);
        String cookie = signIn(OFFICER);
        var badBearerGoodCookie = HTTP.send(request("/api/v1/units").header("Authorization", "Bearer " + TOKENS.expired())
                .header("Cookie", "__Host-phoihop-session=" + cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badBearerGoodCookie.statusCode()).as("the cookie does not rescue a bad bearer token").isEqualTo(401);
    }

    @Test
    void anExpiredSessionIs401AndTheCookieIsCleared() throws Exception {
        String cookie = signIn(OFFICER);
        stored.updateOne(new Document("_id", SessionCookie.id(cookie)),
                new Document("$set", new Document("expiresAt", new Date(System.currentTimeMillis() - 1000))));

        var refused = get("/api/v1/units", cookie);

        assertSessionExpired(refused);
        assertThat(refused.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("__Host-phoihop-session=;")
                && c.contains("Max-Age=0"));
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void anAccessTokenNearItsExpiryIsRefreshedFirst() throws Exception {
        String cookie = signIn(new FakeAuthServer.Person("user:can.bo.binh", "u-31117", List.of("VIEWER"), Duration.ofSeconds(30)));
        String first = AUTH.lastAccessToken;
        String firstRefresh = AUTH.lastRefreshToken;

        assertThat(get("/api/v1/units", cookie).statusCode()).isEqualTo(200);

        assertThat(AUTH.refreshed).contains(firstRefresh);
        String relayed = UPSTREAM.nextRequest().headers().get("authorization");
        assertThat(relayed).isEqualTo("Bearer " + AUTH.lastAccessToken).isNotEqualTo("Bearer " + first);
    }

    @Test
    void aRefreshAuthServerRefusesEndsTheSession() throws Exception {
        String cookie = signIn(new FakeAuthServer.Person("user:can.bo.cuong", "u-31117", List.of("VIEWER"), Duration.ofSeconds(30)));
        AUTH.forgetRefreshTokens(); // the person was deleted

        assertSessionExpired(get("/api/v1/units", cookie));
        assertThat(stored.countDocuments(new Document("_id", SessionCookie.id(cookie)))).isZero();
        assertThat(UPSTREAM.gotNoRequest()).isTrue();
    }

    @Test
    void aSignInCanBeFinishedOnceAndOnlyWithItsOwnState() throws Exception {
        var start = signInStart("/");
        String code = AUTH.code(start.challenge(), start.redirectUri(), start.nonce(), OFFICER);
        assertThat(get("/auth/callback?code=" + code + "&state=" + start.state(), null).statusCode()).isEqualTo(200);

        var again = get("/auth/callback?code=" + code + "&state=" + start.state(), null);
        var unknown = get("/auth/callback?code=" + code + "&state=made-up", null);
        var none = get("/auth/callback?code=" + code, null);
        var denied = get("/auth/callback?error=access_denied&state=" + signInStart("/").state(), null);

        for (var refused : List.of(again, unknown, none, denied)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void anIdTokenForAnotherSignInIsRefused() throws Exception {
        var start = signInStart("/");
        String code = AUTH.code(start.challenge(), start.redirectUri(), "someone-elses-nonce", OFFICER);

        var refused = get("/auth/callback?code=" + code + "&state=" + start.state(), null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void signingOutNeedsTheCsrfTokenThenEndsTheSessionHereAndAtAuthServer() throws Exception {
        String cookie = signIn(OFFICER);
        String refresh = AUTH.lastRefreshToken;
        String csrf = csrf(cookie);

        assertThat(post("/auth/sign-out", cookie, null, null).statusCode()).isEqualTo(403);
        assertThat(post("/auth/sign-out", cookie, csrf, "http://evil.test").statusCode()).isEqualTo(403);
        assertThat(get("/auth/session", cookie).statusCode()).as("still signed in").isEqualTo(200);

        var out = post("/auth/sign-out", cookie, csrf, null);

        assertThat(out.statusCode()).isEqualTo(200);
        String signOutUrl = JSON.readTree(out.body()).path("signOutUrl").asString();
        assertThat(signOutUrl).startsWith("/connect/logout?id_token_hint=")
                .contains("&post_logout_redirect_uri=" + java.net.URLEncoder.encode("http://localhost:" + port(gateway) + "/",
                        StandardCharsets.UTF_8))
                .endsWith("&client_id=web");
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("__Host-phoihop-session=;") && c.contains("Max-Age=0"));
        assertThat(AUTH.revoked).contains(refresh);
        assertSessionExpired(get("/auth/session", cookie));
        assertSessionExpired(get("/api/v1/units", cookie));
    }

    @Test
    void theLiveStreamOpensWithTheCookie() throws Exception {
        String cookie = signIn(OFFICER);

        var stream = HTTP.send(request("/api/v1/stream").header("Cookie", "__Host-phoihop-session=" + cookie)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        }
    }

    @Test
    void aSessionOutlivesARestartOfTheGateway() throws Exception {
        String cookie = signIn(OFFICER);
        String csrf = csrf(cookie);

        gateway.close();
        gateway = startGateway();

        var session = get("/auth/session", cookie);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(session.body()).path("csrfToken").asString()).isEqualTo(csrf);
        assertThat(get("/api/v1/units", cookie).statusCode()).isEqualTo(200);
    }

    // ---- helpers

    private record Start(String state, String nonce, String challenge, String redirectUri) {
    }

    private static Start signInStart(String returnTo) throws Exception {
        var started = get("/auth/sign-in?return=" + java.net.URLEncoder.encode(returnTo, StandardCharsets.UTF_8), null);
        assertThat(started.statusCode()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/oauth2/authorize?");
        var query = query(location);
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "web")
                .containsEntry("code_challenge_method", "S256").containsEntry("scope", "openid")
                .containsEntry("redirect_uri", "http://localhost:" + port(gateway) + "/auth/callback");
        return new Start(query.get("state"), query.get("nonce"), query.get("code_challenge"), query.get("redirect_uri"));
    }

    private static HttpResponse<String> callback(Start start, FakeAuthServer.Person person) throws Exception {
        String code = AUTH.code(start.challenge(), start.redirectUri(), start.nonce(), person);
        return get("/auth/callback?code=" + code + "&state=" + start.state(), null);
    }

    private static String signIn(FakeAuthServer.Person person) throws Exception {
        var landing = callback(signInStart("/"), person);
        assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
        var matcher = COOKIE.matcher(landing.headers().firstValue("Set-Cookie").orElseThrow());
        assertThat(matcher.matches()).isTrue();
        return matcher.group(1);
    }

    private static String csrf(String cookie) throws Exception {
        return JSON.readTree(get("/auth/session", cookie).body()).path("csrfToken").asString();
    }

    private static void assertSessionExpired(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("type").asString()).endsWith("/session-expired");
    }

    private static Map<String, String> query(String location) {
        var fields = new HashMap<String, String>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port(gateway) + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        var request = request(path);
        if (cookie != null) {
            request.header("Cookie", "__Host-phoihop-session=" + cookie);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String cookie, String csrf, String origin) throws Exception {
        var request = request(path).header("Cookie", "__Host-phoihop-session=" + cookie)
                .header("Content-Type", "application/json");
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static ConfigurableApplicationContext startGateway() {
        var properties = new HashMap<String, Object>();
        properties.put("server.port", 0);
        properties.put("AUTH_ISSUER_URI", TestTokens.ISSUER);
        properties.put("AUTH_JWKS_URI", UPSTREAM.baseUrl() + "/jwks");
        properties.put("UNIT_SERVICE_URI", UPSTREAM.baseUrl());
        properties.put("PROGRAM_SERVICE_URI", UPSTREAM.baseUrl());
        properties.put("AUTH_SERVER_URI", AUTH.baseUrl());
        properties.put("WEB_CLIENT_SECRET", FakeAuthServer.SECRET);
        properties.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        properties.put("spring.mongodb.uri", TestInfrastructure.mongoUri());
        properties.put("spring.mongodb.database", DATABASE);
        properties.put("phoihop.webhooks.consumer-group", DATABASE);
        return new SpringApplicationBuilder(GatewayApplication.class).run(properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }
}
