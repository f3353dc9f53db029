package vn.phoihop.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP through the gateway, as a client of the system sees it. */
final class Gateway {

    static final JsonMapper JSON = JsonMapper.shared();

    /** Every 5xx any test saw, for suites that must show none. */
    static final Queue<String> SERVER_ERRORS = new ConcurrentLinkedQueue<>();

    final String baseUrl;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token;
    private String clientId;
    private String secret;
    private long tokenTakenAt;

    Gateway(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /oauth2/token} with the admin client's credentials. */
    HttpResponse<String> requestToken(String secret) throws IOException, InterruptedException {
        return requestToken("admin", secret);
    }

    /** {@code POST /oauth2/token} with a client's credentials. */
    HttpResponse<String> requestToken(String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(authorized(path).GET());
    }

    HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return postRaw(path, body == null ? "" : JSON.writeValueAsString(body));
    }

    HttpResponse<String> postRaw(String path, String body) throws IOException, InterruptedException {
        return send(authorized(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Calls as this client from now on, taking a new token every few minutes as a long-running partner does: a run on
     * a busy machine can outlast one token's lifetime.
     */
    void actAs(String clientId, String secret) throws IOException, InterruptedException {
        this.clientId = clientId;
        this.secret = secret;
        renewToken();
    }

    private void renewToken() throws IOException, InterruptedException {
        HttpResponse<String> response = requestToken(clientId, secret);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + clientId + ": " + describe(response));
        }
        token = json(response).path("access_token").asString();
        tokenTakenAt = System.nanoTime();
    }

    HttpRequest.Builder authorized(String path) {
        if (clientId != null && System.nanoTime() - tokenTakenAt > Duration.ofMinutes(5).toNanos()) {
            try {
                renewToken();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        var builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            SERVER_ERRORS.add(describe(response));
        }
        return response;
    }

    /** The same gateway, calling with another principal's token. */
    Gateway as(String otherToken) {
        var other = new Gateway(baseUrl);
        other.token = otherToken;
        return other;
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** For assertion messages: what came back, in one line. */
    static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.uri().getPath() + " -> " + response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("") + " " + response.body();
    }
}
