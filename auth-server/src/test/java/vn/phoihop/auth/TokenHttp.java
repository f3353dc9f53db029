package vn.phoihop.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of a running auth-server, as a service account would use it. */
record TokenHttp(String baseUrl) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> tokenWithBasic(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
    }

    HttpResponse<String> tokenWithPost(String clientId, String secret) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret))
                .build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** A call to the admin API; {@code token} and {@code json} may be {@code null}. */
    HttpResponse<String> call(String method, String path, String token, String json) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    /** Validates signatures against the server's published JWKS, as a resource server does. */
    JwtDecoder jwksDecoder() {
        return NimbusJwtDecoder.withJwkSetUri(baseUrl + "/oauth2/jwks").build();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    /** An RFC 9457 problem with this status; a 401 also says {@code WWW-Authenticate: Bearer}. */
    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(status);
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Bearer"));
        }
    }

    static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A token issued by the test server to a police officer of unit u-31117 allowed to read personal data. */
    static void assertOfficerOfUnit31117(Jwt jwt, String subject) {
        assertThat(jwt.getSubject()).isEqualTo(subject);
        assertThat(jwt.getIssuer()).hasToString("http://issuer.test:9000");
        assertThat(jwt.getAudience()).containsExactly("phoihop");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("UNIT_OFFICER");
        assertThat(jwt.getClaimAsString("agency")).isEqualTo("POLICE");
        assertThat(jwt.getClaimAsString("unitId")).isEqualTo("u-31117");
        assertThat(jwt.getClaimAsStringList("permissions")).containsExactly("pii:read");
    }

    static String accessToken(HttpResponse<String> response) {
        var matcher = java.util.regex.Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        if (!matcher.find()) {
            throw new AssertionError("no access_token in " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
