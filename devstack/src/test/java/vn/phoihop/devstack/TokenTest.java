package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOnlyTheAccessTokenObtainedWithTheSecretFromTheDataDir() throws Exception {
        Files.writeString(data.resolve("admin-client-secret"), "from-file\n");
        var authorization = new AtomicReference<String>();
        var body = new AtomicReference<String>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"access_token\":\"eyJ.abc.def\",\"token_type\":\"Bearer\",\"expires_in\":299}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        try {
            int code = run(Map.of("PHOIHOP_GATEWAY_URL", "http://127.0.0.1:" + server.getAddress().getPort()));

            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("eyJ.abc.def" + System.lineSeparator());
            assertThat(authorization.get()).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("admin:from-file".getBytes(StandardCharsets.UTF_8)));
            assertThat(body.get()).isEqualTo("grant_type=client_credentials");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutASecretItSaysWhereTheSecretShouldBe() throws Exception {
        int code = run(Map.of());

        assertThat(code).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ADMIN_CLIENT_SECRET")
                .contains(data.resolve("admin-client-secret").toString());
    }

    @Test
    void whenNothingAnswersItAsksWhetherTheSystemIsRunning() throws Exception {
        int code = run(Map.of("ADMIN_CLIENT_SECRET", "x", "GATEWAY_PORT", Integer.toString(PortClaimTest.freePort())));

        assertThat(code).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Is phoihop running?").contains("./phoihop up");
    }

    private int run(Map<String, String> env) throws InterruptedException {
        var withData = new java.util.HashMap<>(env);
        withData.put("PHOIHOP_DATA", data.toString());
        return Token.run(Settings.from(withData, data),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
