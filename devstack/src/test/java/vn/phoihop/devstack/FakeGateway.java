package vn.phoihop.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The gateway as the devstack commands see it, for their tests: a loopback server whose {@code /oauth2/token}
 * hands out {@code accessToken}; each test adds the API paths it drives, then {@link #start()}s it.
 */
final class FakeGateway {

    final HttpServer server;

    FakeGateway(String accessToken) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 200, "application/json", "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"}");
        });
    }

    FakeGateway start() {
        server.start();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
