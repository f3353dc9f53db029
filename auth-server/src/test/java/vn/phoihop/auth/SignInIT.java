package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * A person signs in through the {@code dashboard} client: authorization code with PKCE (S256), the sign-in page
 * with its CSRF token, the code exchanged for a token carrying the user's claims. Over HTTP, as a browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "phoihop.auth.issuer-uri=http://issuer.test:9000",
        "phoihop.auth.admin-client-secret=sign-in-it-admin-secret",
        "phoihop.auth.access-token-ttl=7m",
        "phoihop.auth.data-dir=target/sign-in-it",
        "phoihop.auth.dashboard.redirect-uris=https://dashboard.test/callback,http://127.0.0.1:5173/callback",
        "spring.mongodb.database=sign-in-it"})
@WithInfrastructure
class SignInIT {

    private static final String REDIRECT = "https://dashboard.test/callback";
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    PasswordEncoder passwordEncoder;

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
        admin = TokenHttp.accessToken(http.tokenWithBasic("admin", "sign-in-it-admin-secret"));
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
    void theWebClientIsNotRegisteredWithoutItsSecret() {
        var refused = browser.get("/oauth2/authorize?response_type=code&client_id=web&scope=openid&state=st-1"
                + "&redirect_uri=" + enc("http://localhost:8080/auth/callback") + "&code_challenge="
                + challenge(verifier()) + "&code_challenge_method=S256");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aSignedInUserGetsATokenWithItsClaimsForTheCodeAndVerifier() {
        String verifier = verifier();
        String code = signIn(verifier, password);

        var token = exchange(code, verifier);

        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).doesNotContain("refresh_token");
        Jwt jwt = http.jwksDecoder().decode(TokenHttp.accessToken(token));
        TokenHttp.assertOfficerOfUnit31117(jwt, "user:" + username);
        assertThat(java.time.Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).hasMinutes(7);

        assertThat(exchange(code, verifier).body()).as("a code is good once").contains("invalid_grant");
    }

    @Test
    void withScopeOpenidAnIdTokenNamesTheUserToo() {
        String verifier = verifier();
        var toLogin = browser.get(authorizeUrl(challenge(verifier), "S256") + "&scope=openid");
        var page = browser.get(Browser.location(toLogin));
        var signedIn = browser.postForm("/login", Map.of("username", username, "password", password,
                "_csrf", Browser.csrf(page)));
        String code = code(Browser.location(browser.get(Browser.location(signedIn))));

        var token = exchange(code, verifier);

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        var idToken = Pattern.compile("\"id_token\":\"([^\"]+)\"").matcher(token.body());
        assertThat(idToken.find()).isTrue();
        Jwt id = http.jwksDecoder().decode(idToken.group(1));
        assertThat(id.getSubject()).isEqualTo("user:" + username);
        assertThat(id.getAudience()).containsExactly("dashboard");
        TokenHttp.assertOfficerOfUnit31117(http.jwksDecoder().decode(TokenHttp.accessToken(token)), "user:" + username);
    }

    @Test
    void aUsernameThatIsAClientsIdInAnyCaseIsRefused() {
        var client = JsonMapper.shared().readTree(http.call("POST", "/api/v1/clients", admin, """
                {"name":"partner %s","roles":["PARTNER"],"unitId":"u-1","agency":"OTHER"}"""
                .formatted(UUID.randomUUID())).body());
        long before = database.getCollection("users").countDocuments();

        for (String taken : java.util.List.of("ADMIN", "admin", "Admin", " Dashboard ",
                client.get("clientId").asString().toUpperCase())) {
            var refused = http.call("POST", "/api/v1/users", admin, """
                    {"username":"%s","displayName":"Cán bộ","roles":["PARTNER"],"unitId":"u-1","agency":"OTHER"}"""
                    .formatted(taken));
            TokenHttp.assertProblem(refused, 409);
            assertThat(refused.body()).as(taken).contains("client");
        }

        assertThat(database.getCollection("users").countDocuments()).isEqualTo(before);
    }

    @Test
    void aUserMadeBeforeUnderAClientsNameGetsTokensOfItsOwnSubject() {
        username = "admin"; // as the admin API let it be made before usernames were checked against client ids
        password = "an-old-password-" + UUID.randomUUID();
        database.getCollection("users").deleteMany(new org.bson.Document("username", username));
        database.getCollection("users").insertOne(new org.bson.Document("_id", UUID.randomUUID().toString())
                .append("username", username).append("displayName", "Cán bộ").append("passwordHash",
                        passwordEncoder.encode(password)).append("roles", java.util.List.of("PARTNER"))
                .append("agency", "OTHER").append("unitId", "u-1").append("permissions", java.util.List.of())
                .append("createdAt", new java.util.Date()));
        String verifier = verifier();

        var token = exchange(signIn(verifier, password), verifier);

        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        Jwt jwt = http.jwksDecoder().decode(TokenHttp.accessToken(token));
        assertThat(jwt.getSubject()).isEqualTo("user:admin");
        assertThat(http.jwksDecoder().decode(TokenHttp.accessToken(http.tokenWithBasic("admin", "sign-in-it-admin-secret")))
                .getSubject()).as("the admin client keeps its own").isEqualTo("admin");
    }

    @Test
    void aWrongVerifierIsInvalidGrant() {
        String code = signIn(verifier(), password);

        var token = exchange(code, verifier());

        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.body()).contains("\"error\":\"invalid_grant\"").doesNotContain("access_token");
    }

    @Test
    void aWrongPasswordComesBackToTheSignInPageWithAnErrorAndNoCode() {
        var page = browser.get(Browser.location(authorize(challenge(verifier()), "S256")));

        var refused = browser.postForm("/login", Map.of("username", username, "password", password + "x",
                "_csrf", Browser.csrf(page), "lang", "en"));

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(Browser.location(refused)).endsWith("/login?error&lang=en");
        var again = browser.get(Browser.location(refused));
        assertThat(again.body()).contains("Wrong username or password.").contains("lang=\"en\"");
        assertThat(browser.get(authorizeUrl(challenge(verifier()), "S256")).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login").doesNotContain("code="));
    }

    @Test
    void withoutPkceOrWithThePlainMethodTheRequestIsRefusedBeforeAnySignIn() {
        var none = browser.get("/oauth2/authorize?response_type=code&client_id=dashboard&state=s1&redirect_uri="
                + enc(REDIRECT));
        var plain = authorize("plain-challenge-of-enough-length-0123456789abcdef", "plain");

        for (var refused : java.util.List.of(none, plain)) {
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(Browser.location(refused)).startsWith(REDIRECT).contains("error=invalid_request")
                    .doesNotContain("code=");
        }
    }

    @Test
    void anUnregisteredRedirectUriIsNeverRedirectedTo() {
        var refused = browser.get("/oauth2/authorize?response_type=code&client_id=dashboard&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + challenge(verifier())
                + "&redirect_uri=" + enc("https://evil.test/callback"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void theFormNeedsItsCsrfToken() {
        browser.get(Browser.location(authorize(challenge(verifier()), "S256")));

        var refused = browser.postForm("/login", Map.of("username", username, "password", password));

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aDeletedUserCannotSignIn() {
        assertThat(http.call("DELETE", "/api/v1/users/" + userId, admin, null).statusCode()).isEqualTo(204);
        var page = browser.get(Browser.location(authorize(challenge(verifier()), "S256")));

        var refused = browser.postForm("/login", Map.of("username", username, "password", password,
                "_csrf", Browser.csrf(page)));

        assertThat(Browser.location(refused)).endsWith("/login?error");
    }

    @Test
    void theSignInSessionOpensNothingElse() {
        signIn(verifier(), password);

        var api = browser.get("/api/v1/users");

        assertThat(api.statusCode()).as("the admin API wants a bearer token, not a cookie").isEqualTo(401);
    }

    @Test
    void thePageIsInVietnameseByDefaultAndInEnglishWhenAsked() {
        var byDefault = browser.get("/login");
        assertThat(byDefault.statusCode()).isEqualTo(200);
        assertThat(byDefault.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(byDefault.body()).contains("<html lang=\"vi\">").contains("Đăng nhập").contains("Mật khẩu")
                .contains("href=\"/login?lang=en\"");

        assertThat(browser.get("/login", "Accept-Language", "en-US,en;q=0.9").body())
                .contains("<html lang=\"en\">").contains("Sign in").contains("Password");
        assertThat(browser.get("/login", "Accept-Language", "fr, en;q=0.5").body()).contains("<html lang=\"en\">");
        assertThat(browser.get("/login?lang=en", "Accept-Language", "vi").body()).contains("<html lang=\"en\">");
        assertThat(browser.get("/login?lang=vi", "Accept-Language", "en").body()).contains("<html lang=\"vi\">");
        assertThat(browser.get("/login?lang=fr", "Accept-Language", "de").body()).contains("<html lang=\"vi\">");
        assertThat(browser.get("/login?error&lang=vi").body()).contains("Tên đăng nhập hoặc mật khẩu không đúng.");
    }

    @Test
    void nothingTheUserTypesIsEchoedUnescaped() {
        var page = browser.get("/login?lang=%3Cscript%3E&error=%3Cscript%3E");
        assertThat(page.body()).doesNotContain("<script>");
    }

    /** Authorization request → sign-in page → form → back to the authorization → the code at the redirect URI. */
    private String signIn(String verifier, String password) {
        var toLogin = authorize(challenge(verifier), "S256");
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(Browser.location(toLogin)).as("relative: the browser stays on the gateway's host").isEqualTo("/login");
        var page = browser.get(Browser.location(toLogin));
        assertThat(page.statusCode()).isEqualTo(200);

        var signedIn = browser.postForm("/login", Map.of("username", username.toUpperCase(), "password", password,
                "_csrf", Browser.csrf(page)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(signedIn)).startsWith("/oauth2/authorize?");

        var toClient = browser.get(Browser.location(signedIn));
        assertThat(toClient.statusCode()).isEqualTo(302);
        return code(Browser.location(toClient));
    }

    /** The code in the redirect to the client, which also carries the request's state. */
    private static String code(String location) {
        assertThat(location).startsWith(REDIRECT + "?").contains("state=st-1");
        var matcher = Pattern.compile("[?&]code=([^&]+)").matcher("?" + URI.create(location).getRawQuery());
        assertThat(matcher.find()).as(location).isTrue();
        return java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> authorize(String challenge, String method) {
        return browser.get(authorizeUrl(challenge, method));
    }

    private static String authorizeUrl(String challenge, String method) {
        return "/oauth2/authorize?response_type=code&client_id=dashboard&state=st-1&redirect_uri=" + enc(REDIRECT)
                + "&code_challenge=" + challenge + "&code_challenge_method=" + method;
    }

    private HttpResponse<String> exchange(String code, String verifier) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", REDIRECT);
        fields.put("client_id", "dashboard");
        fields.put("code_verifier", verifier);
        return browser.postForm("/oauth2/token", fields);
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
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
