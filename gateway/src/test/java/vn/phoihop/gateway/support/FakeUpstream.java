package vn.phoihop.gateway.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One tiny HTTP server standing in for everything behind the gateway: the auth-server's JWKS at
 * {@code /jwks}, and a backend that records each request it gets and answers 200.
 */
public final class FakeUpstream implements AutoCloseable {

    /** What the backend saw. Header names are lower case; {@code bodyBytes} is the length of the body read. */
    public record Seen(String method, String path, Map<String, String> headers, long bodyBytes) {
    }

    /** Paths under this prefix answer only after {@link #SLOW_MILLIS}. */
    public static final String SLOW = "/api/v1/units/slow";
    public static final long SLOW_MILLIS = 8_000;

    private final HttpServer server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    // unit-service's GET /api/v1/units/{id} for the stream's scope checks: ancestors, or null for "404"
    private final Map<String, java.util.List<String>> units = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> hiddenUnits = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FakeUpstream(JWKSet publicKeys) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> respond(exchange, "application/json", publicKeys.toString(true)));
        server.createContext("/", exchange -> {
            long bodyBytes = exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getPath();
            String unitId = path.startsWith("/api/v1/units/") ? path.substring("/api/v1/units/".length()) : "";
            if (units.containsKey(unitId)) {
                respond(exchange, "application/json", "{\"id\":\"" + unitId + "\",\"ancestorIds\":["
                        + units.get(unitId).stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "]}");
                return;
            }
            if (hiddenUnits.contains(unitId)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                            h -> h.getKey().toLowerCase(), h -> String.join(",", h.getValue()))), bodyBytes));
            if (exchange.getRequestURI().getPath().startsWith(SLOW)) {
                sleep(SLOW_MILLIS);
            }
            exchange.getResponseHeaders().add("X-Request-Id", "backend-own-id"); // the gateway's must win
            respond(exchange, "application/json", "{\"backend\":true}");
        });
        server.setExecutor(Executors.newCachedThreadPool()); // a slow answer must not hold up the others
        server.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** unit-service shows this unit with these ancestors (root first). */
    public void unit(String id, java.util.List<String> ancestorIds) {
        units.put(id, java.util.List.copyOf(ancestorIds));
    }

    /** unit-service answers 404 for this unit (unknown, or outside the caller's scope). */
    public void hiddenUnit(String id) {
        hiddenUnits.add(id);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Seen nextRequest() throws InterruptedException {
        Seen next = seen.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the backend got no request");
        }
        return next;
    }

    public void forgetRequests() {
        seen.clear();
    }

    public boolean gotNoRequest() {
        return seen.isEmpty();
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
