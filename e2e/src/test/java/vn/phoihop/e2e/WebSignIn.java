package vn.phoihop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser signing in to the web app at the gateway, as an HTTP client with a cookie jar: the gateway's
 * {@code /auth/sign-in}, auth-server's real sign-in page (through the gateway), the callback that sets the session
 * cookie. The JDK's cookie jar keeps auth-server's session cookie; the {@code Secure} session cookie, which it would
 * not send over plain http, is kept here and sent by hand, as a browser does on {@code http://localhost}.
 */
final class WebSignIn {

    static final String COOKIE = "__Host-phoihop-session";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SET_COOKIE = Pattern.compile(
            COOKIE + "=([A-Za-z0-9_-]{43}); (?i:Path=/; Secure; HttpOnly; SameSite=Strict)");

    final String baseUrl;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** The session cookie's value, once signed in. */
    String session;
    /** The page the callback answered: it sends the browser on to the return path. */
    HttpResponse<String> landing;

    WebSignIn(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs in through the real sign-in page; {@code returnTo} is what the app passes to {@code /auth/sign-in}. */
    WebSignIn signIn(String username, String password, String returnTo) throws Exception {
        var start = get("/auth/sign-in?return=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        var toLogin = get(location(start));
        assertThat(location(toLogin)).isEqualTo("/login");
        var page = get("/login");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        var signedIn = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(password)
                        + "&_csrf=" + enc(csrf.group(1)))));
        var toCallback = get(location(signedIn));
        String callback = location(toCallback);
        assertThat(callback).startsWith(baseUrl + "/auth/callback?");
        landing = get(callback);
        assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
        Matcher cookie = SET_COOKIE.matcher(landing.headers().firstValue("Set-Cookie").orElse(""));
        assertThat(cookie.matches()).as(landing.headers().map().toString()).isTrue();
        session = cookie.group(1);
        return this;
    }

    /** The CSRF token of {@code /auth/session}. */
    String csrfToken() throws Exception {
        var session = get("/auth/session");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        return Gateway.json(session).path("csrfToken").asString();
    }

    HttpResponse<String> get(String pathOrUrl) throws Exception {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** A JSON write with the session cookie, the CSRF header when given and an {@code Origin} when given. */
    HttpResponse<String> write(String method, String path, String json, String csrf, String origin) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (session != null) {
            request.header("Cookie", COOKIE + "=" + session);
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            Gateway.SERVER_ERRORS.add(Gateway.describe(response));
        }
        return response;
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + Gateway.describe(response)));
    }

    URI uri(String pathOrUrl) {
        return URI.create(baseUrl).resolve(pathOrUrl);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
