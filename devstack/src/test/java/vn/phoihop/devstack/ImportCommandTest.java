package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImportCommandTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private final AtomicReference<String> query = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<String> contentLength = new AtomicReference<>();
    private volatile int status = 200;
    private volatile long answerAfterMillis;
    private volatile String reply = "{\"created\":3,\"unchanged\":0,\"errorCount\":0,\"errors\":[]}";
    private FakeGateway gateway;
    private HttpServer server;
    private Path csv;

    @BeforeEach
    void gateway() throws IOException {
        gateway = new FakeGateway("tok-123");
        server = gateway.server;
        server.createContext("/api/v1/units/merges/import", exchange -> {
            query.set("merges");
            received.set(exchange.getRequestBody().readAllBytes());
            FakeGateway.send(exchange, 200, "application/json",
                    "{\"merged\":5,\"created\":1,\"unchanged\":2,\"errorCount\":0,\"errors\":[]}");
        });
        server.createContext("/api/v1/units/import", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            contentLength.set(exchange.getRequestHeaders().getFirst("Content-Length"));
            query.set(exchange.getRequestURI().getRawQuery());
            received.set(exchange.getRequestBody().readAllBytes());
            sleepQuietly(answerAfterMillis);
            FakeGateway.send(exchange, status, status == 200 ? "application/json" : "application/problem+json", reply);
        });
        gateway.start();
        var rows = new StringBuilder("code,name,level,parent_code\n92,Thành phố Cần Thơ,province,\n");
        for (int i = 0; i < 10_000; i++) { // about 250 KB: more chunks than tenths
            rows.append("X").append(i).append(",Xã số ").append(i).append(",commune,92\n");
        }
        csv = Files.writeString(data.resolve("units.csv"), rows, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void streamsTheFileWithTheTokenAndPrintsTheSummary() throws Exception {
        int code = run(false, "units", csv.toString(), "--parent", "p-1", "--valid-from=2025-07-01");

        assertThat(code).isZero();
        assertThat(received.get()).isEqualTo(Files.readAllBytes(csv));
        assertThat(contentLength.get()).isEqualTo(Long.toString(Files.size(csv)));
        assertThat(authorization.get()).isEqualTo("Bearer tok-123");
        assertThat(contentType.get()).startsWith("text/csv");
        assertThat(query.get()).isEqualTo("parentId=p-1&validFrom=2025-07-01");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("sent 10%").contains("sent 50%").contains("sent 100%")
                .contains("Imported " + csv + ": 3 created, 0 unchanged, 0 lines refused")
                .doesNotContain("\r");
        assertThat(err.size()).isZero();
    }

    @Test
    void onATerminalTheProgressIsABarRedrawnInPlace() throws Exception {
        int code = run(true, "units", csv.toString());

        assertThat(code).isZero();
        assertThat(query.get()).isNull();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("\r[##############################] 100%").doesNotContain("sent 50%");
    }

    @Test
    void whileUnitServiceWorksOnTheWholeFileTheSecondsAreCounted() throws Exception {
        answerAfterMillis = 2_500;

        int code = run(true, "units", csv.toString());

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("file sent").contains("\rimporting… 1 s")
                .contains("\rimporting… 2 s").contains("unit-service answered after 2 s");
    }

    @Test
    void aMergeMappingGoesToTheMergeImportAndItsSummarySaysWhatWasMerged() throws Exception {
        int code = run(false, "merges", csv.toString());

        assertThat(code).isZero();
        assertThat(query.get()).isEqualTo("merges");
        assertThat(received.get()).isEqualTo(Files.readAllBytes(csv));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Imported " + csv + ": 5 merged, 1 created, 2 unchanged, 0 lines refused");
    }

    @Test
    void refusedLinesArePrintedAndTheExitCodeIsOne() throws Exception {
        reply = """
                {"created":1,"unchanged":1,"errorCount":3,"errors":[{"line":4,"message":"the name is missing"},
                {"line":7,"message":"unknown level 'hamlet' (province, district or commune)"}]}""";

        int code = run(false, "units", csv.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("1 created, 1 unchanged, 3 lines refused")
                .contains("  line 4: the name is missing")
                .contains("  line 7: unknown level 'hamlet'")
                .contains("… and 1 more");
    }

    @Test
    void aProblemIsShownWithItsDetailAndTheExitCodeIsOne() throws Exception {
        status = 422;
        reply = "{\"type\":\"https://phoihop.vn/problems/unprocessable-content\",\"title\":\"Refused by a domain rule\","
                + "\"status\":422,\"detail\":\"Parent unit nope does not exist\",\"errors\":[{\"field\":\"parentId\",\"message\":\"unknown unit\"}]}";

        int code = run(false, "units", csv.toString(), "--parent", "nope");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (422 Refused by a domain rule)")
                .contains("Parent unit nope does not exist").contains("parentId: unknown unit");
    }

    @Test
    void aGatewayTimeoutSaysThatRunningItAgainFinishesTheImport() throws Exception {
        status = 504;
        reply = "{\"title\":\"Gateway Timeout\",\"status\":504,\"detail\":\"The service did not answer in time\"}";

        int code = run(false, "units", csv.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("The service did not answer in time")
                .contains("Run the same command again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "programs x.csv", "units", "units FILE --parent", "units FILE --valid-from 1/7/2025",
            "units FILE --force", "units FILE other.csv", "units missing.csv", "units FILE --parent $ne", "merges FILE --valid-from 2025-07-01",
            "merges"})
    void usageErrorsExitWithTwoAndSendNothing(String line) throws Exception {
        String[] args = line.isEmpty() ? new String[0] : line.replace("FILE", csv.toString()).split(" ");

        int code = run(false, args);

        assertThat(code).isEqualTo(2);
        assertThat(received.get()).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("phoihop: ").contains("usage: phoihop import units");
    }

    @Test
    void helpIsNotAnError() throws Exception {
        assertThat(run(false, "units", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--valid-from");
    }

    @Test
    void whenNothingAnswersItAsksWhetherTheSystemIsRunning() throws Exception {
        server.stop(0);
        int code = ImportCommand.run(List.of("units", csv.toString()), settings(Map.of("ADMIN_CLIENT_SECRET", "s",
                "PHOIHOP_GATEWAY_URL", "http://127.0.0.1:" + PortClaimTest.freePort())), print(out), print(err), false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Is phoihop running?");
    }

    @Test
    void devstackDispatchesImportAndRejectsAMissingFileWithTwo() throws Exception {
        assertThat(Devstack.run(new String[] {"import", "units", data.resolve("none.csv").toString()})).isEqualTo(2);
    }

    private int run(boolean tty, String... args) throws InterruptedException {
        return ImportCommand.run(List.of(args), settings(Map.of("ADMIN_CLIENT_SECRET", "s",
                "PHOIHOP_GATEWAY_URL", gateway.url())), print(out), print(err), tty);
    }

    private Settings settings(Map<String, String> env) {
        var withData = new HashMap<>(env);
        withData.put("PHOIHOP_DATA", data.toString());
        return Settings.from(withData, data);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

}
