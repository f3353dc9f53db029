package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCommandTest {

    private static final String EVENT = """
            {"specversion":"1.0","id":"evt-1","source":"/unit-service","type":"activity.submitted.v1","subject":"act-1",\
            "time":"2026-08-19T02:30:00Z","programid":"prg-09","unitid":"u-ninh-kieu","data":{}}""";

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** What reached the fake gateway's stream: path with query, Authorization, Last-Event-ID. */
    private final ConcurrentLinkedQueue<List<String>> calls = new ConcurrentLinkedQueue<>();
    private volatile int status = 200;
    private volatile String reply = ":connected\n\nid:evt-1\nevent:activity.submitted.v1\ndata:" + EVENT + "\n\n"
            + ":heartbeat\n\nevent:overflow\ndata:{\"detail\":\"fell behind\",\"lastEventId\":\"evt-1\"}\n\n";
    private FakeGateway gateway;
    private HttpServer server;

    @BeforeEach
    void gateway() throws IOException {
        gateway = new FakeGateway("tok-admin");
        server = gateway.server;
        server.createContext("/api/v1/stream", exchange -> {
            calls.add(List.of(exchange.getRequestURI().toString(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID"))));
            FakeGateway.send(exchange, status, status == 200 ? "text/event-stream" : "application/problem+json", reply);
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void printsOneLinePerEventWithTheFiltersAndTheAdminTokenAndTheIdToGoOnFrom() throws Exception {
        int code = run("--program", "prg-09", "--unit", "u-ninh kieu", "--types", "activity.submitted.v1");

        assertThat(code).isZero();
        assertThat(calls.poll()).containsExactly(
                "/api/v1/stream?programId=prg-09&unitId=u-ninh+kieu&types=activity.submitted.v1", "Bearer tok-admin", "null");
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "2026-08-19T02:30:00Z  activity.submitted.v1  act-1  unit u-ninh-kieu  program prg-09",
                "overflow  fell behind",
                "stream ended; go on with: ./phoihop stream --after evt-1");
    }

    @Test
    void afterResumesWithLastEventId() throws Exception {
        assertThat(run("--after", "evt-0")).isZero();
        assertThat(calls.poll()).containsExactly("/api/v1/stream", "Bearer tok-admin", "evt-0");
    }

    @Test
    void aRefusalPrintsTheProblemsDetailAndExitsWithOne() throws Exception {
        status = 403;
        reply = "{\"status\":403,\"detail\":\"unitId u-9 is outside the units this client may follow\"}";

        assertThat(run("--unit", "u-9")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (403)").contains("outside the units");
    }

    @Test
    void badOptionsAreAUsageError() throws Exception {
        assertThat(run("--colour", "red")).isEqualTo(2);
        assertThat(run("--unit")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--colour'").contains("--unit needs a value");
        assertThat(calls).isEmpty();
        assertThatThrownBy(() -> StreamCommand.parse(List.of("--types", "--unit"))).hasMessageContaining("needs a value");
    }

    @Test
    void nothingListeningIsSaidPlainly() throws Exception {
        server.stop(0);
        assertThat(run()).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("phoihop");
    }

    private int run(String... args) throws InterruptedException {
        var env = new HashMap<>(Map.of("ADMIN_CLIENT_SECRET", "s", "PHOIHOP_GATEWAY_URL",
                gateway.url()));
        env.put("PHOIHOP_DATA", data.toString());
        return StreamCommand.run(List.of(args), Settings.from(env, data), print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

}
