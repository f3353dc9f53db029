package vn.phoihop.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.phoihop.testsupport.TestInfrastructure;

/**
 * Base of the gateway's integration tests: one gateway context (shared by every subclass, as their
 * configuration is the same) whose auth-server and services are a {@link FakeUpstream}, and whose
 * Kafka is the shared test broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIT {

    protected static final TestTokens TOKENS = new TestTokens();
    protected static final FakeUpstream UPSTREAM = new FakeUpstream(TOKENS.publicKeys());
    protected static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String DATABASE = "gateway-test-" + java.util.UUID.randomUUID();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("AUTH_ISSUER_URI", () -> TestTokens.ISSUER);
        registry.add("AUTH_JWKS_URI", () -> UPSTREAM.baseUrl() + "/jwks");
        registry.add("UNIT_SERVICE_URI", UPSTREAM::baseUrl);
        registry.add("PROGRAM_SERVICE_URI", UPSTREAM::baseUrl);
        registry.add("AUTH_SERVER_URI", UPSTREAM::baseUrl);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("phoihop.stream.max-connections-per-principal", () -> "3");
        registry.add("spring.mongodb.database", () -> DATABASE);
        // webhook receivers in tests are local plain-http servers, and retries must come quickly
        registry.add("phoihop.webhooks.allow-http", () -> "true");
        registry.add("phoihop.webhooks.allow-private-networks", () -> "true");
        registry.add("phoihop.webhooks.first-retry", () -> "200ms");
        registry.add("phoihop.webhooks.max-backoff", () -> "1s");
        registry.add("phoihop.webhooks.dispatch-every", () -> "100ms");
        registry.add("phoihop.webhooks.request-timeout", () -> "3s");
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    protected HttpResponse<String> get(String path, String token) throws Exception {
        var request = request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
