package vn.phoihop.gateway.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One tiny HTTP server standing in for everything behind the gateway: the auth-server's JWKS at
 * {@code /jwks}, and a backend that records each request it gets and answers 200.
 */
public final class FakeUpstream implements AutoCloseable {

    /** What the backend saw. Header names are lower case. */
    public record Seen(String method, String path, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final Map<String, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeUpstream(JWKSet publicKeys) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/jwks", exchange -> respond(exchange, "application/json", publicKeys.toString(true)));
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                            h -> h.getKey().toLowerCase(), h -> String.join(",", h.getValue())))));
            exchange.getResponseHeaders().add("X-Request-Id", "backend-own-id"); // the gateway's must win
            Integer status = statuses.get(exchange.getRequestURI().getPath());
            if (status != null) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            respond(exchange, "application/json", "{\"backend\":true}");
        });
        server.start();
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

    /** From now on, {@code path} answers {@code status} with no body (as a service refusing it would). */
    public void answer(String path, int status) {
        statuses.put(path, status);
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
