package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./phoihop import activities} against a fake gateway that stores activities by id, as the real one does. */
class ActivityImportTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> stored = new HashMap<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void gateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 200, "{\"access_token\":\"tok\",\"token_type\":\"Bearer\"}");
        });
        server.createContext("/api/v1/activities/batch", exchange -> {
            JsonNode items = JsonMapper.shared().readTree(exchange.getRequestBody().readAllBytes());
            if (failFirst.getAndDecrement() > 0) {
                send(exchange, 503, "{\"status\":503,\"detail\":\"unit-service is restarting\"}");
                return;
            }
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            batchSizes.add(items.size());
            var results = new ArrayList<String>();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String id = item.get("id").asString();
                if (item.get("title").asString().equals("refuse me")) {
                    results.add("{\"index\":" + i + ",\"status\":422,\"problem\":{\"detail\":\"Program p9 is unknown here\","
                            + "\"errors\":[{\"field\":\"programId\",\"message\":\"unknown program\"}]}}");
                } else {
                    boolean again = stored.putIfAbsent(id, item.toString()) != null;
                    results.add("{\"index\":" + i + ",\"status\":" + (again ? 200 : 201) + ",\"id\":\"" + id + "\"}");
                }
            }
            send(exchange, 200, "{\"results\":[" + String.join(",", results) + "]}");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rowsBecomeActivitiesInBatchesAndASecondImportCreatesNothing() throws Exception {
        var csv = new StringBuilder("program_id,unit_id,co_unit_ids,type,occurred_on,title,sessions,attendees\n");
        for (int i = 0; i < 1200; i++) {
            csv.append("p1,u-ninh-kieu,u-mttq-ninh-kieu;u-ca-ninh-kieu,propaganda_session,2019-08-19,Tuyên truyền,1,")
                    .append(100 + i % 3).append('\n');
        }
        Path file = Files.writeString(data.resolve("activities.csv"), csv, StandardCharsets.UTF_8);

        assertThat(run(file)).isZero();

        assertThat(batchSizes).containsExactly(500, 500, 200);
        assertThat(stored).hasSize(1200).as("identical rows are different activities");
        JsonNode first = JsonMapper.shared().readTree(stored.values().iterator().next());
        assertThat(first.get("type").asString()).isEqualTo("PROPAGANDA_SESSION");
        assertThat(first.get("coUnitIds").size()).isEqualTo(2);
        assertThat(first.get("metrics").get("sessions").asInt()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1200 created, 0 unchanged, 0 lines refused");

        out.reset();
        assertThat(run(file)).isZero();
        assertThat(stored).hasSize(1200);
        assertThat(keys.subList(3, 6)).containsExactlyElementsOf(keys.subList(0, 3));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 created, 1200 unchanged, 0 lines refused");
    }

    @Test
    void refusedRowsAreReportedByLineWithTheReasonAndTheExitCodeIsOne() throws Exception {
        Path file = Files.writeString(data.resolve("a.csv"), """
                id,program_id,unit_id,type,occurred_on,title,description,tips
                a-1,p1,u1,TIP_RECEIVED,2019-03-01,Tin báo,"Tin về ""ma túy"", khu 3",2
                a-2,p1,u1,TIP_RECEIVED,2019-03-02,Tin báo,,hai
                a-3,p9,u1,TIP_RECEIVED,2019-03-03,refuse me,,1
                a-4,p1,,TIP_RECEIVED,2019-03-04,Tin báo,,1
                a-5,p1,u1,TIP_RECEIVED,2019-03-05,Tin báo,,1
                """, StandardCharsets.UTF_8);

        assertThat(run(file)).isEqualTo(1);

        assertThat(stored.keySet()).containsExactlyInAnyOrder("a-1", "a-5");
        assertThat(JsonMapper.shared().readTree(stored.get("a-1")).get("description").asString()).isEqualTo("Tin về \"ma túy\", khu 3");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 created, 0 unchanged, 3 lines refused")
                .contains("line 3: metric tips is not a number: 'hai'")
                .contains("line 4: 422 Program p9 is unknown here; programId: unknown program")
                .contains("line 5: unit_id is empty");
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameKey() throws Exception {
        failFirst.set(1);
        Path file = Files.writeString(data.resolve("a.csv"),
                "program_id,unit_id,type,occurred_on,title\np1,u1,MEETING,2019-01-01,Họp\n", StandardCharsets.UTF_8);

        assertThat(run(file)).isZero();
        assertThat(stored).hasSize(1);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsAUsageError() throws Exception {
        Path file = Files.writeString(data.resolve("a.csv"), "program_id,unit_id,title\np1,u1,x\n", StandardCharsets.UTF_8);

        assertThat(run(file)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing: type, occurred_on");
        assertThat(stored).isEmpty();
        assertThat(ImportCommand.run(List.of("activities"), settings(), print(out), print(err), false)).isEqualTo(2);
    }

    private int run(Path file) throws InterruptedException {
        return ImportCommand.run(List.of("activities", file.toString()), settings(), print(out), print(err), false);
    }

    private Settings settings() {
        return Settings.from(Map.of("ADMIN_CLIENT_SECRET", "s", "PHOIHOP_DATA", data.toString(),
                "PHOIHOP_GATEWAY_URL", "http://127.0.0.1:" + server.getAddress().getPort()), data);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
