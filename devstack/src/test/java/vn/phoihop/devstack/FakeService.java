package vn.phoihop.devstack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * Stands in for a service jar in {@link UpIT}: answers {@code /actuator/health} on {@code SERVER_PORT},
 * records the environment it was given, and fails at start when {@code FAKE_FAIL} names it.
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        String jar = Path.of(System.getProperty("java.class.path")).getFileName().toString();
        String name = jar.replaceFirst("\\.jar$", "");
        System.out.println(name + " starting");
        if (name.equals(System.getenv("FAKE_FAIL"))) {
            System.out.println(name + " cannot start: broken on purpose");
            System.exit(3);
        }
        var env = new StringBuilder();
        new TreeMap<>(System.getenv()).forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
        Files.writeString(Path.of(System.getenv("PHOIHOP_DATA"), name + ".env"), env);
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
