package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code client} and {@code user} against a fake gateway. */
class AdminCommandTest {

    private static final String SECRET = "Zm9vYmFyYmF6cXV4LXNlY3JldC12YWx1ZS0xMjM0NTY";

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** What reached the fake gateway's admin API: method, path with query, Authorization, body. */
    private final ConcurrentLinkedQueue<List<String>> calls = new ConcurrentLinkedQueue<>();
    private volatile int status = 201;
    private volatile String reply = """
            {"clientId":"3f6c1e9a-0b7d-4c52-9a51-2f0e7d1c8b44","clientSecret":"%s","name":"Công an phường Ninh Kiều",
             "roles":["UNIT_OFFICER"],"unitId":"u-31117","agency":"POLICE","permissions":["pii:read"]}""".formatted(SECRET);
    private FakeGateway gateway;
    private HttpServer server;

    @BeforeEach
    void gateway() throws IOException {
        gateway = new FakeGateway("tok-admin");
        server = gateway.server;
        server.createContext("/api/v1/", exchange -> {
            calls.add(List.of(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (status == 204) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else {
                FakeGateway.send(exchange, status, status < 300 ? "application/json" : "application/problem+json", reply);
            }
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void createPostsTheProfileWithTheAdminTokenAndPrintsTheIdAndTheSecretOnce() throws Exception {
        int code = run("create", "--role", "unit_officer", "--unit", "u-31117", "--agency", "police",
                "--permission", "pii:read", "--name", "Công an phường Ninh Kiều");

        assertThat(code).isZero();
        List<String> call = calls.poll();
        assertThat(call.subList(0, 3)).containsExactly("POST", "/api/v1/clients", "Bearer tok-admin");
        JsonNode body = JsonMapper.shared().readTree(call.get(3));
        assertThat(body.get("name").asString()).isEqualTo("Công an phường Ninh Kiều");
        assertThat(body.get("roles").toString()).isEqualTo("[\"UNIT_OFFICER\"]");
        assertThat(body.get("unitId").asString()).isEqualTo("u-31117");
        assertThat(body.get("agency").asString()).isEqualTo("POLICE");
        assertThat(body.get("permissions").toString()).isEqualTo("[\"pii:read\"]");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("client id:     3f6c1e9a-0b7d-4c52-9a51-2f0e7d1c8b44")
                .contains("client secret: " + SECRET)
                .contains("roles UNIT_OFFICER, agency POLICE, unit u-31117, permissions pii:read")
                .contains("cannot show it again");
        assertThat(printed.split(SECRET, -1)).as("the secret is printed exactly once").hasSize(2);
        assertThat(err.size()).isZero();
    }

    @Test
    void withoutANameTheClientIsNamedAfterItsProfileAndTheTime() throws Exception {
        var creation = ClientCommand.parseCreation(List.of("--role", "VIEWER", "--role", "PARTNER", "--unit", "u-1",
                "--agency", "FRONT"), Instant.parse("2025-07-01T08:30:15.250Z"));

        assertThat(creation.name()).isEqualTo("VIEWER+PARTNER FRONT u-1 2025-07-01T08:30:15Z");
        assertThat(creation.roles()).containsExactly("VIEWER", "PARTNER");
        assertThat(creation.permissions()).isEmpty();
    }

    @Test
    void aRefusalIsPrintedWithEveryFieldAndExitsWithOne() throws Exception {
        status = 400;
        reply = """
                {"type":"https://phoihop.vn/problems/bad-request","title":"Invalid request","status":400,
                 "detail":"The request has invalid fields","errors":[{"field":"roles[0]",
                 "message":"must be one of ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER, PARTNER"}]}""";

        int code = run("create", "--role", "BOSS", "--unit", "u-1", "--agency", "POLICE");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (400 Invalid request)")
                .contains("roles[0]: must be one of ADMIN");
        assertThat(out.size()).isZero();
    }

    @Test
    void listPrintsEachClientWithoutAnySecret() throws Exception {
        status = 200;
        reply = """
                {"items":[{"clientId":"c-1","name":"Đội an ninh","roles":["VIEWER"],"unitId":"u-1","agency":"FRONT",
                 "permissions":[],"createdAt":"2025-07-01T08:30:15Z"}],"nextCursor":null}""";

        int code = run("list");

        assertThat(code).isZero();
        assertThat(calls.poll().subList(0, 2)).containsExactly("GET", "/api/v1/clients?limit=500");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("c-1  Đội an ninh  (roles VIEWER, agency FRONT, unit u-1, permissions none, created 2025-07-01T08:30:15Z)");
    }

    @Test
    void deleteNamesTheClientAndAnUnknownOneIsAnError() throws Exception {
        status = 204;
        assertThat(run("delete", "c-1")).isZero();
        assertThat(calls.poll().subList(0, 2)).containsExactly("DELETE", "/api/v1/clients/c-1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Deleted client c-1");

        status = 404;
        reply = "{\"title\":\"Not found\",\"status\":404,\"detail\":\"Client c-2 does not exist\"}";
        assertThat(run("delete", "c-2")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused (404 Not found): Client c-2 does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rename", "create", "create --role VIEWER --unit u-1", "create --unit u-1 --agency FRONT",
            "create --role VIEWER --unit u-1 --agency FRONT --force yes", "create --role VIEWER --unit u-1 --unit u-2 --agency FRONT",
            "create --role --unit u-1 --agency FRONT", "list everything", "delete", "delete c-1 c-2"})
    void usageErrorsExitWithTwoAndCallNothing(String line) throws Exception {
        int code = run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(calls).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("phoihop: ").contains("usage: phoihop client create");
    }

    @Test
    void aRoleGivenWithoutItsValueIsNamed() {
        assertThatThrownBy(() -> ClientCommand.parseCreation(List.of("--unit", "u-1", "--role"), Instant.now()))
                .hasMessage("--role needs a value");
    }

    @Test
    void whenNothingAnswersItAsksWhetherTheSystemIsRunning() throws Exception {
        server.stop(0);
        int code = ClientCommand.run(List.of("list"), settings("http://127.0.0.1:" + PortClaimTest.freePort()),
                print(out), print(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Is phoihop running?");
    }

    @Test
    void devstackDispatchesClient() throws Exception {
        assertThat(Devstack.run(new String[] {"client", "frobnicate"})).isEqualTo(2);
        assertThat(Devstack.USAGE).contains("client create");
    }

    @Test
    void userCreatePostsTheUserAndPrintsTheIdAndThePasswordOnce() throws Exception {
        reply = """
                {"id":"7d0c","username":"can.bo.an","password":"%s","displayName":"Nguyễn Văn An",
                 "roles":["VIEWER"],"unitId":"u-1","agency":"FRONT","permissions":[]}""".formatted(SECRET);

        int code = runUser("create", "--username", "Can.Bo.An", "--role", "viewer", "--unit", "u-1", "--agency", "front",
                "--display-name", "Nguyễn Văn An");

        assertThat(code).isZero();
        List<String> call = calls.poll();
        assertThat(call.subList(0, 3)).containsExactly("POST", "/api/v1/users", "Bearer tok-admin");
        JsonNode body = JsonMapper.shared().readTree(call.get(3));
        assertThat(body.get("username").asString()).isEqualTo("Can.Bo.An");
        assertThat(body.get("displayName").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(body.get("roles").toString()).isEqualTo("[\"VIEWER\"]");
        assertThat(body.get("agency").asString()).isEqualTo("FRONT");
        assertThat(body.has("password")).as("the server makes the password").isFalse();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("user id:  7d0c").contains("password: " + SECRET)
                .contains("roles VIEWER, agency FRONT, unit u-1, permissions none").contains("cannot show it again");
        assertThat(printed.split(SECRET, -1)).as("the password is printed exactly once").hasSize(2);
    }

    @Test
    void userListAndDeleteUseTheUsersApi() throws Exception {
        status = 200;
        reply = """
                {"items":[{"id":"7d0c","username":"can.bo.an","displayName":"An","roles":["VIEWER"],"unitId":"u-1",
                 "agency":"FRONT","permissions":[],"createdAt":"2025-07-01T08:30:15Z"}],"nextCursor":null}""";
        assertThat(runUser("list")).isZero();
        assertThat(calls.poll().subList(0, 2)).containsExactly("GET", "/api/v1/users?limit=500");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("7d0c  can.bo.an  An  (roles VIEWER");

        status = 204;
        assertThat(runUser("delete", "7d0c")).isZero();
        assertThat(calls.poll().subList(0, 2)).containsExactly("DELETE", "/api/v1/users/7d0c");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Deleted user 7d0c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "create --role VIEWER --unit u-1 --agency FRONT",
            "create --username a.b --username c.d --role VIEWER --unit u-1 --agency FRONT",
            "create --username a.b --role VIEWER --unit u-1 --agency FRONT --password p", "delete"})
    void userUsageErrorsExitWithTwoAndCallNothing(String line) throws Exception {
        int code = runUser(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(code).isEqualTo(2);
        assertThat(calls).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("phoihop: ").contains("usage: phoihop user create");
    }

    @Test
    void withoutADisplayNameTheUserIsShownByUsername() throws Exception {
        var creation = UserCommand.parseCreation(List.of("--username", "an", "--role", "VIEWER", "--unit", "u-1",
                "--agency", "FRONT"));
        assertThat(creation.displayName()).isEqualTo("an");
        assertThat(Devstack.run(new String[] {"user", "frobnicate"})).isEqualTo(2);
    }

    private int runUser(String... args) throws InterruptedException {
        return UserCommand.run(List.of(args), settings(gateway.url()),
                print(out), print(err));
    }

    private int run(String... args) throws InterruptedException {
        return ClientCommand.run(List.of(args), settings(gateway.url()),
                print(out), print(err));
    }

    private Settings settings(String gateway) {
        var env = new HashMap<>(Map.of("ADMIN_CLIENT_SECRET", "s", "PHOIHOP_GATEWAY_URL", gateway));
        env.put("PHOIHOP_DATA", data.toString());
        return Settings.from(env, data);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

}
