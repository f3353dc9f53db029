package vn.phoihop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.phoihop.gateway.support.TestTokens;
import vn.phoihop.testsupport.TestInfrastructure;

/** {@code GET /api/v1/audit?service=} reaches the audit log of the service it names, and only with a known name. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditRouteIT {

    static final TestTokens TOKENS = new TestTokens();
    static final Backend UNITS = new Backend();
    static final Backend PROGRAMS = new Backend();
    static final Backend AUTH = new Backend();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("AUTH_ISSUER_URI", () -> TestTokens.ISSUER);
        registry.add("AUTH_JWKS_URI", () -> AUTH.baseUrl() + "/jwks");
        registry.add("UNIT_SERVICE_URI", UNITS::baseUrl);
        registry.add("PROGRAM_SERVICE_URI", PROGRAMS::baseUrl);
        registry.add("AUTH_SERVER_URI", AUTH::baseUrl);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
    }

    @BeforeEach
    void forget() {
        UNITS.seen.clear();
        PROGRAMS.seen.clear();
        AUTH.seen.clear();
    }

    @AfterAll
    static void stop() {
        UNITS.server.stop(0);
        PROGRAMS.server.stop(0);
        AUTH.server.stop(0);
    }

    @ParameterizedTest(name = "service={0}")
    @CsvSource({"units", "programs", "auth"})
    void eachServiceNameReachesThatServicesAuditLogWithoutTheChoice(String service) throws Exception {
        var response = get("/api/v1/audit?actor=admin&service=" + service + "&limit=5", TOKENS.valid());

        assertThat(response.statusCode()).isEqualTo(200);
        Backend chosen = switch (service) {
            case "units" -> UNITS;
            case "programs" -> PROGRAMS;
            default -> AUTH;
        };
        assertThat(chosen.next()).isEqualTo("GET /api/v1/audit?actor=admin&limit=5");
        for (Backend other : new Backend[] {UNITS, PROGRAMS, AUTH}) {
            if (other != chosen) {
                assertThat(other.seen).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "?actor=admin", "?service=", "?service=UNITS", "?service=gateway",
            "?service=units&service=programs", "?service=units.*"})
    void aMissingOrUnknownServiceIsA400ProblemNamingTheChoices(String query) throws Exception {
        var response = get("/api/v1/audit" + query, TOKENS.valid());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400").contains("units, programs, auth");
        assertThat(UNITS.seen).isEmpty();
        assertThat(PROGRAMS.seen).isEmpty();
        assertThat(AUTH.seen).isEmpty();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "?service=units"})
    void withoutATokenItIsA401WhateverTheService(String query) throws Exception {
        var response = get("/api/v1/audit" + query, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(UNITS.seen).isEmpty();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A service that records the method and raw URI of each request and answers an empty page. */
    static final class Backend {

        final HttpServer server;
        final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

        Backend() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/jwks", exchange -> reply(exchange, TOKENS.publicKeys().toString(true)));
            server.createContext("/", exchange -> {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
                reply(exchange, "{\"items\":[],\"nextCursor\":null}");
            });
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String next() throws InterruptedException {
            String next = seen.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("the service got the request").isNotNull();
            return next;
        }

        private static void reply(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
