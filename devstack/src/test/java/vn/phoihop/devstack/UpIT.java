package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.phoihop.devstack.kafka.KafkaBroker;

/**
 * {@code up} as a user runs it, with the real broker and MongoDB and small stand-ins for the service
 * jars: the start, the report, the stop, and the clean-up after a devstack killed with -9.
 */
class UpIT {

    private static final List<String> SERVICES = List.of("auth-server", "unit-service", "program-service", "gateway");

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final List<Process> devstacks = new ArrayList<>();
    private final List<ProcessHandle> everything = new ArrayList<>();

    @BeforeEach
    void fakeCheckout() throws Exception {
        for (String service : SERVICES) {
            writeFakeJar(home.resolve(service).resolve("target").resolve(service + ".jar"));
        }
        env.put("PHOIHOP_DATA", home.resolve(".data").toString());
        var variables = List.of("GATEWAY_PORT", "UNIT_SERVICE_PORT", "PROGRAM_SERVICE_PORT", "AUTH_SERVER_PORT",

                "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT");

        var ports = distinctFreePorts(variables.size());

        for (int i = 0; i < variables.size(); i++) {

            env.put(variables.get(i), Integer.toString(ports.get(i)));

        }
        env.put("PHOIHOP_JAVA_OPTS", "-Xmx64m -XX:TieredStopAtLevel=1");
        env.put("PHOIHOP_START_TIMEOUT", "120");
    }

    @AfterEach
    void leaveNothingRunning() {
        devstacks.forEach(Process::destroyForcibly);
        everything.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void startsEveryPartReportsWhereItIsAndStopsAllOnSigterm() throws Exception {
        Run up = up();
        String output = up.awaitReady();

        assertThat(output).contains("mongo", "kafka", "auth-server", "unit-service", "program-service", "gateway",
                "http://localhost:" + env.get("GATEWAY_PORT") + "/swagger-ui.html", "./phoihop token",
                "admin-client-secret", ".data/logs/gateway.log");
        assertThat(Files.readString(home.resolve(".data/unit-service.env")))
                .contains("SERVER_PORT=" + env.get("UNIT_SERVICE_PORT"))
                .contains("KAFKA_BOOTSTRAP_SERVERS=localhost:" + env.get("KAFKA_PORT"))
                .contains("MONGODB_URI=mongodb://127.0.0.1:" + env.get("MONGODB_PORT"))
                .contains("AUTH_JWKS_URI=http://localhost:" + env.get("AUTH_SERVER_PORT") + "/oauth2/jwks");
        assertThat(home.resolve(".data/run")).isDirectoryContaining("glob:**/kafka.pid").isDirectoryContaining("glob:**/gateway.pid");
        List<ProcessHandle> children = up.process.descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(5);

        Run second = up(); // the same data dir: it must not take the running children for leftovers
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isEqualTo(2);
        assertThat(second.output()).contains("already running", "devstack pid " + up.process.pid());
        assertThat(children).allMatch(ProcessHandle::isAlive);

        up.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the pipe we read

        assertThat(up.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(up.output()).contains("stopped gateway", "stopped kafka", "stopped mongo");
        assertThat(home.resolve(".data/run")).isDirectoryNotContaining("glob:**/*.pid");
    }

    @Test
    void aTakenPortStopsTheStartBeforeAnythingRuns() throws Exception {
        try (var taken = new ServerSocket(Integer.parseInt(env.get("GATEWAY_PORT")))) {
            Run up = up();

            assertThat(up.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(up.process.exitValue()).isEqualTo(2);
            assertThat(up.output()).contains("Port " + env.get("GATEWAY_PORT"), "gateway", "GATEWAY_PORT=<port>");
            assertThat(home.resolve(".data/logs/kafka.log")).doesNotExist();
        }
    }

    @Test
    void aServiceThatFailsToStartIsReportedWithItsLogAndEverythingStops() throws Exception {
        env.put("FAKE_FAIL", "program-service");
        Run up = up();

        assertThat(up.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(up.process.exitValue()).isEqualTo(1);
        assertThat(up.output()).contains("program-service exited with code 3 before it was healthy",
                "program-service cannot start: broken on purpose", "stopped kafka").doesNotContain("phoihop is ready");
        assertThat(everything).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aPartThatDiesAfterTheStartTakesTheSystemDownWithAReport() throws Exception {
        Run up = up();
        up.awaitReady();
        List<ProcessHandle> children = up.process.descendants().toList();
        long unitService = Long.parseLong(Files.readString(home.resolve(".data/run/unit-service.pid")).trim());

        ProcessHandle.of(unitService).orElseThrow().destroyForcibly();

        assertThat(up.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(up.process.exitValue()).isEqualTo(1);
        assertThat(up.output()).contains("unit-service exited unexpectedly", "last 30 lines", "unit-service starting",
                "stopped gateway", "stopped kafka", "stopped mongo");
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aStartAfterDevstackWasKilledStopsWhatItLeftAndKeepsTheData() throws Exception {
        Run first = up();
        first.awaitReady();
        List<ProcessHandle> orphans = first.process.descendants().toList();

        first.process.destroyForcibly().waitFor(); // kill -9: no shutdown hook, the children live on
        assertThat(orphans).allMatch(ProcessHandle::isAlive);
        String clusterId = Files.readString(home.resolve(".data/kafka/cluster-id"));

        Run second = up();
        String output = second.awaitReady();

        assertThat(output).contains("left running by an earlier start");
        assertThat(orphans).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(home.resolve(".data/kafka/cluster-id"))).isEqualTo(clusterId);
        second.process.toHandle().destroy();
        assertThat(second.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    }

    private Run up() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-Dphoihop.home=" + home, "-cp", KafkaBroker.classPathOfThisJvm(),
                Devstack.class.getName(), "up").redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        devstacks.add(process);
        return new Run(process, everything);
    }

    /** A running {@code up} and everything it printed so far. */
    private static final class Run {
        final Process process;
        private final StringBuffer output = new StringBuffer();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final Thread reader;

        Run(Process process, List<ProcessHandle> everything) {
            this.process = process;
            reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        output.append(line).append('\n');
                        synchronized (everything) {
                            process.descendants().forEach(everything::add);
                        }
                        if (line.equals("phoihop is ready")) {
                            ready.complete(null);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                ready.completeExceptionally(new AssertionError("up ended before it was ready:\n" + output));
            });
            reader.setDaemon(true);
            reader.start();
        }

        String awaitReady() throws Exception {
            ready.get(150, TimeUnit.SECONDS);
            return output.toString();
        }

        /** Everything printed, once the process has ended. */
        String output() throws InterruptedException {
            reader.join(10_000);
            return output.toString();
        }
    }

    private static void writeFakeJar(Path jar) throws Exception {
        Files.createDirectories(jar.getParent());
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                var in = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo((OutputStream) out);
            out.closeEntry();
        }
    }

    /** All held open until all are chosen: closing each at once let the OS hand the same port out twice. */
    private static List<Integer> distinctFreePorts(int count) throws IOException {
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
