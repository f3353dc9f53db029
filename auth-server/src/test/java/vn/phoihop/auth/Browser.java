package vn.phoihop.auth;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A person's browser against a running auth-server: keeps cookies, does not follow redirects. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String pathOrUrl, String... headers) {
        var request = HttpRequest.newBuilder(uri(pathOrUrl)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** Where a redirect points, resolved against the server. */
    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    }

    /** The CSRF token in a sign-in page. */
    static String csrf(HttpResponse<String> page) {
        var matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in " + page.body());
        }
        return matcher.group(1);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(baseUrl).resolve(pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
