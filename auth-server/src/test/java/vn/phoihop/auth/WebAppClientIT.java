package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * The gateway's confidential {@code web} client: authorization code with PKCE and its secret, refresh tokens that
 * rotate and stay the person's, and RP-initiated logout that ends auth-server's own sign-in session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.issuer-uri=http://issuer.test:9000",
        "phoihop.auth.admin-client-secret=web-client-it-admin-secret",
        "phoihop.auth.data-dir=target/web-client-it",
        "phoihop.auth.web.client-secret=web-client-it-secret",
        "phoihop.auth.web.redirect-uris=http://localhost:8080/auth/callback",
        "phoihop.auth.web.post-logout-redirect-uris=http://localhost:8080/",
        "spring.mongodb.database=web-client-it"})
@WithInfrastructure
class WebAppClientIT {

    private static final String REDIRECT = "http://localhost:8080/auth/callback";
    private static final String SECRET = "web-client-it-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    private TokenHttp http;
    private Browser browser;
    private String admin;
    private String username;
    private String password;
    private String userId;

    @BeforeEach
    void aUser() {
        http = new TokenHttp("http://localhost:" + port);
        browser = new Browser("http://localhost:" + port);
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "web-client-it-admin-secret"));
        username = "can.bo." + UUID.randomUUID().toString().substring(0, 8);
        var created = http.call("POST", "/api/v1/users", admin, """
                {"username":"%s","displayName":"Nguyễn Văn An","roles":["UNIT_OFFICER"],"unitId":"u-31117",
                 "agency":"POLICE","permissions":["pii:read"]}""".formatted(username));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JsonMapper.shared().readTree(created.body());
        password = body.get("password").asString();
        userId = body.get("id").asString();
    }

    @Test
    void aSignedInPersonGetsAccessRefreshAndIdTokensOfTheirOwn() {
        String verifier = verifier();
        var tokens = json(exchange(signIn(verifier), verifier, basic(SECRET)));

        Jwt access = http.jwksDecoder().decode(tokens.get("access_token").asString());
        TokenHttp.assertOfficerOfUnit31117(access, "user:" + username);
        assertThat(tokens.get("refresh_token").asString()).isNotBlank();
        Jwt id = http.jwksDecoder().decode(tokens.get("id_token").asString());
        assertThat(id.getSubject()).isEqualTo("user:" + username);
        assertThat(id.getAudience()).containsExactly("web");
        assertThat(id.getClaimAsString("nonce")).isEqualTo("n-1");
    }

    @Test
    void theSecretIsRequired() {
        String verifier = verifier();
        String code = signIn(verifier);

        var none = exchange(code, verifier, "X-No-Auth", "1", "client_id", "web");
        var wrong = exchange(code, verifier, basic("not-the-secret"));

        assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid_client");
        assertThat(exchange(code, verifier, basic(SECRET)).statusCode()).as("the code was not spent").isEqualTo(200);
    }

    @Test
    void pkceIsRequired() {
        var noChallenge = browser.get("/oauth2/authorize?response_type=code&client_id=web&scope=openid&state=st-1"
                + "&redirect_uri=" + enc(REDIRECT));
        var plain = browser.get(authorizeUrl("plain-challenge-that-is-long-enough-0123456789abcdef", "plain"));

        for (var refused : java.util.List.of(noChallenge, plain)) {
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(Browser.location(refused)).startsWith(REDIRECT + "?error=invalid_request");
        }
        assertThat(exchange("made-up", verifier(), basic(SECRET)).body()).contains("invalid_grant");
    }

    @Test
    void aRefreshedTokenIsStillThePersonsAndTheRefreshTokenRotates() {
        String verifier = verifier();
        var first = json(exchange(signIn(verifier), verifier, basic(SECRET)));
        String refresh = first.get("refresh_token").asString();

        var refreshed = refresh(refresh);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        var tokens = json(refreshed);
        TokenHttp.assertOfficerOfUnit31117(http.jwksDecoder().decode(tokens.get("access_token").asString()),
                "user:" + username);
        assertThat(http.jwksDecoder().decode(tokens.get("id_token").asString()).getSubject()).isEqualTo("user:" + username);
        assertThat(tokens.get("refresh_token").asString()).isNotEqualTo(refresh);
        assertThat(refresh(refresh).body()).as("a rotated refresh token is spent").contains("invalid_grant");
        assertThat(refresh(tokens.get("refresh_token").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeletedUserGetsNoNewToken() {
        String verifier = verifier();
        String refresh = json(exchange(signIn(verifier), verifier, basic(SECRET))).get("refresh_token").asString();
        assertThat(http.call("DELETE", "/api/v1/users/" + userId, admin, null).statusCode()).isEqualTo(204);

        var refused = refresh(refresh);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant").doesNotContain("access_token");
    }

    @Test
    void signingOutEndsAuthServersSessionAndGoesOnlyToARegisteredUri() {
        String verifier = verifier();
        String idToken = json(exchange(signIn(verifier), verifier, basic(SECRET))).get("id_token").asString();

        var elsewhere = browser.get("/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + enc("https://evil.test/"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
        assertThat(Browser.location(browser.get(authorizeUrl(challenge(verifier()), "S256"))))
                .as("still signed in").startsWith(REDIRECT + "?code=");

        var out = browser.get("/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + enc("http://localhost:8080/") + "&client_id=web");

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(Browser.location(out)).isEqualTo("http://localhost:8080/");
        assertThat(Browser.location(browser.get(authorizeUrl(challenge(verifier()), "S256"))))
                .as("signed out: the form again").isEqualTo("/login");
    }

    private String signIn(String verifier) {
        var toLogin = browser.get(authorizeUrl(challenge(verifier), "S256"));
        assertThat(Browser.location(toLogin)).isEqualTo("/login");
        var page = browser.get("/login");
        var signedIn = browser.postForm("/login", Map.of("username", username, "password", password,
                "_csrf", Browser.csrf(page)));
        var toClient = browser.get(Browser.location(signedIn));
        String location = Browser.location(toClient);
        assertThat(location).startsWith(REDIRECT + "?code=");
        return java.net.URLDecoder.decode(location.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    }

    private static String authorizeUrl(String challenge, String method) {
        return "/oauth2/authorize?response_type=code&client_id=web&scope=openid&state=st-1&nonce=n-1&redirect_uri="
                + enc(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=" + method;
    }

    private HttpResponse<String> exchange(String code, String verifier, String... headersThenClientId) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", REDIRECT);
        fields.put("code_verifier", verifier);
        if (headersThenClientId.length == 4) {
            fields.put(headersThenClientId[2], headersThenClientId[3]);
            return browser.postForm("/oauth2/token", fields, headersThenClientId[0], headersThenClientId[1]);
        }
        return browser.postForm("/oauth2/token", fields, headersThenClientId);
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return browser.postForm("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                basic(SECRET));
    }

    private static String[] basic(String secret) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("web:" + secret).getBytes(StandardCharsets.UTF_8))};
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
