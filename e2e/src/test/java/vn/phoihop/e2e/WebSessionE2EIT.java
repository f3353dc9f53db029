package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

/**
 * The web app's sign-in on the packaged system: a person of commune A signs in on auth-server's real page through
 * the gateway, with an HTTP client and a cookie jar; reads their session; uses the API and the live stream with the
 * session cookie alone, scoped to commune A; writes only with the CSRF token; signs out at the gateway and at
 * auth-server.
 */
class WebSessionE2EIT {

    private static final String SECRET = "e2e-" + UUID.randomUUID();
    private static final List<String> SECRETS = new ArrayList<>();

    private static Phoihop phoihop;
    private static Gateway admin;
    private static String communeA;
    private static String communeB;
    private static String username;
    private static String password;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = Phoihop.reportOnFailure(() -> phoihop);

    @BeforeAll
    static void aPersonOfCommuneA() throws Exception {
        Gateway.SERVER_ERRORS.clear();
        phoihop = Phoihop.startFresh("web-session", SECRET, Map.of());
        admin = new Gateway(phoihop.gatewayUrl());
        admin.token = Gateway.json(admin.requestToken(SECRET)).path("access_token").asString();
        String run = UUID.randomUUID().toString().substring(0, 6);
        String province = created(admin.post("/api/v1/units", unit("P-" + run, "Tỉnh Thử Nghiệm", "PROVINCE", null)));
        communeA = created(admin.post("/api/v1/units", unit("A-" + run, "Xã An Bình", "COMMUNE", province)));
        communeB = created(admin.post("/api/v1/units", unit("B-" + run, "Xã Bình Minh", "COMMUNE", province)));
        username = "can.bo." + run;
        HttpResponse<String> user = Awaitility.await("auth-server knows commune A").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).until(() -> admin.post("/api/v1/users", Map.of("username", username,
                        "displayName", "Cán bộ An Bình", "roles", List.of("UNIT_OFFICER"), "unitId", communeA,
                        "agency", "POLICE")), r -> r.statusCode() != 403 && r.statusCode() != 422);
        assertThat(user.statusCode()).as(Gateway.describe(user)).isEqualTo(201);
        password = Gateway.json(user).path("password").asString();
        SECRETS.add(password);
    }

    @AfterAll
    static void noServerErrorAndNoSecretInAnyLog() throws Exception {
        if (phoihop == null) {
            return;
        }
        try {
            assertThat(Gateway.SERVER_ERRORS).as("5xx answers").isEmpty();
            assertThat(phoihop.placesInLogsOf(SECRETS)).as("log lines with a password or a session cookie").isEmpty();
            assertThat(phoihop.personalDataInLogs()).isEmpty();
        } finally {
            phoihop.kill();
        }
    }

    @Test
    void aPersonSignsInWorksInTheirCommuneWithTheCookieAloneAndSignsOut() throws Exception {
        var browser = new WebSignIn(phoihop.gatewayUrl()).signIn(username, password, "/programs?unit=" + communeA);
        SECRETS.add(browser.session);
        assertThat(browser.landing.body()).contains("content=\"0;url=/programs?unit=" + communeA + "\"");

        JsonNode session = Gateway.json(browser.get("/auth/session"));
        assertThat(session.path("subject").asString()).isEqualTo("user:" + username);
        assertThat(session.path("unitId").asString()).isEqualTo(communeA);
        assertThat(session.path("roles").toString()).isEqualTo("[\"UNIT_OFFICER\"]");
        String csrf = session.path("csrfToken").asString();

        // the API with the cookie alone, scoped to commune A
        assertThat(browser.get("/api/v1/units/" + communeA).statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/v1/units/" + communeB).statusCode()).as("a neighbouring commune").isEqualTo(404);
        assertThat(browser.get("/api/v1/units?limit=500").body()).contains(communeA).doesNotContain(communeB);

        try (EventStream stream = EventStream.open(admin, "", "Cookie", WebSignIn.COOKIE + "=" + browser.session)) {
            assertThat(stream.status()).isEqualTo(200);
            String inB = created(admin.post("/api/v1/units", unit("CB-" + UUID.randomUUID().toString().substring(0, 6),
                    "Công an xã Bình Minh", "POLICE_UNIT", communeB)));

            var refused = browser.write("POST", "/api/v1/units", json(unit("CA-NO-CSRF", "Không có CSRF", "POLICE_UNIT",
                    communeA)), null, null);
            assertThat(refused.statusCode()).as(Gateway.describe(refused)).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            var written = browser.write("POST", "/api/v1/units", json(unit("CA-" + UUID.randomUUID().toString().substring(0, 6),
                    "Công an xã An Bình", "POLICE_UNIT", communeA)), csrf, phoihop.gatewayUrl());
            String inA = created(written);

            stream.await(e -> e.data().contains(inA), 60);
            assertThat(stream.events).as("nothing of commune B").noneMatch(e -> e.data().contains(inB));
        }
        assertThat(browser.get("/api/v1/units?parentId=" + communeA).body()).as("the write without CSRF changed nothing")
                .doesNotContain("CA-NO-CSRF");

        // signing out ends the session at the gateway, then at auth-server
        var out = browser.write("POST", "/auth/sign-out", null, csrf, null);
        assertThat(out.statusCode()).as(Gateway.describe(out)).isEqualTo(200);
        String signOutUrl = Gateway.json(out).path("signOutUrl").asString();
        String oldCookie = browser.session;
        var afterSignOut = browser.get("/api/v1/units/" + communeA);
        assertThat(afterSignOut.statusCode()).isEqualTo(401);
        assertThat(Gateway.json(afterSignOut).path("type").asString()).endsWith("/session-expired");
        browser.session = null;
        var toRoot = browser.get(signOutUrl);
        assertThat(toRoot.statusCode()).as(Gateway.describe(toRoot)).isEqualTo(302);
        assertThat(WebSignIn.location(toRoot)).isEqualTo(phoihop.gatewayUrl() + "/");
        var again = browser.get(WebSignIn.location(browser.get("/auth/sign-in?return=/")));
        assertThat(WebSignIn.location(again)).as("auth-server asks for the password again").isEqualTo("/login");
        browser.session = oldCookie;
        assertThat(browser.get("/auth/session").statusCode()).isEqualTo(401);
    }

    private static Map<String, Object> unit(String code, String name, String kind, String parentId) {
        var body = new LinkedHashMap<String, Object>(Map.of("code", code, "name", name, "kind", kind,
                "validFrom", "2025-07-01"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return body;
    }

    private static String json(Object body) {
        return Gateway.JSON.writeValueAsString(body);
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(Gateway.describe(response)).isEqualTo(201);
        return Gateway.json(response).path("id").asString();
    }
}
