package vn.phoihop.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code token}: an access token for the {@code admin} client, alone on stdout so scripts can use it. */
final class Token {

    private Token() {
    }

    static int run(Settings settings, PrintStream out, PrintStream err) throws InterruptedException {
        Optional<String> secret = secret(settings);
        if (secret.isEmpty()) {
            err.println("phoihop: no admin client secret. Set ADMIN_CLIENT_SECRET, or start the system once with"
                    + " ./phoihop up: the auth-server writes " + settings.adminSecretFile());
            return 1;
        }
        URI endpoint = URI.create(settings.gatewayUrl() + "/oauth2/token");
        String basic = Base64.getEncoder().encodeToString(("admin:" + secret.get()).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("phoihop: nothing answers at " + settings.gatewayUrl() + ". Is phoihop running? Start it with ./phoihop up");
            return 1;
        } catch (IOException e) {
            err.println("phoihop: asking " + endpoint + " for a token failed: " + e);
            return 1;
        }
        Optional<String> token = accessToken(response);
        if (token.isEmpty()) {
            String body = response.body();
            err.println("phoihop: " + endpoint + " answered " + response.statusCode() + " without an access token: "
                    + body.substring(0, Math.min(300, body.length())));
            return 1;
        }
        out.println(token.get());
        return 0;
    }

    private static Optional<String> secret(Settings settings) {
        if (settings.adminClientSecret().isPresent()) {
            return settings.adminClientSecret();
        }
        try {
            return Optional.of(Files.readString(settings.adminSecretFile()).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            JsonNode json = JsonMapper.shared().readTree(response.body());
            return Optional.ofNullable(json.get("access_token")).map(JsonNode::asString).filter(t -> !t.isBlank());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
