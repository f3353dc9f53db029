package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.phoihop.gateway.support.TestTokens;
import vn.phoihop.testsupport.TestInfrastructure;

/** A long unit import is not cut off by the timeout that protects every other route. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportRouteTimeoutIT {

    static final TestTokens TOKENS = new TestTokens();
    static final HttpServer SLOW_SERVICE = slowService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + SLOW_SERVICE.getAddress().getPort();
        registry.add("AUTH_ISSUER_URI", () -> TestTokens.ISSUER);
        registry.add("AUTH_JWKS_URI", () -> base + "/jwks");
        registry.add("UNIT_SERVICE_URI", () -> base);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri); // the stream's journal
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        registry.add("PHOIHOP_IMPORT_TIMEOUT_MS", () -> "8000");
    }

    @AfterAll
    static void stop() {
        SLOW_SERVICE.stop(0);
    }

    @Test
    void theImportWaitsLongerThanOtherRoutes() throws Exception {
        assertThat(post("/api/v1/units/import").statusCode()).isEqualTo(200);
        var timedOut = post("/api/v1/units");
        assertThat(timedOut.statusCode()).isEqualTo(504);
        EdgeIT.assertProblem(timedOut, 504, "https://phoihop.vn/problems/gateway-timeout");
    }

    private HttpResponse<String> post(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.valid())
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("code,name,level,parent_code\n"))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Serves the JWKS at once and answers everything else after 3 s, longer than the default timeout. */
    private static HttpServer slowService() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> reply(exchange, TOKENS.publicKeys().toString(true)));
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(exchange, "{\"created\":0}");
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
