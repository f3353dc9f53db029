package vn.phoihop.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import vn.phoihop.logguard.CapturedLog;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The packaged system started exactly as {@code ./phoihop up} starts it:
 * {@code java -Dphoihop.home=<repo> -jar devstack/target/devstack.jar up}, on ports of its own.
 */
final class Phoihop {

    static final List<String> SERVICES = List.of("auth-server", "unit-service", "program-service", "gateway");
    static final String READY = "phoihop is ready";
    /**
     * Only a guard against a devstack that hangs: how long the start takes is devstack's to judge (each group of parts
     * has {@value #START_TIMEOUT_SECONDS} s, and devstack ends with a report when one is late), so a busy machine
     * that starts slowly but steadily does not fail a test.
     */
    static final long READY_SECONDS = 600;
    static final int START_TIMEOUT_SECONDS = 300;

    final Path repo;
    final Path data;
    final Map<String, String> env = new LinkedHashMap<>();
    private Process process;
    private final StringBuffer output = new StringBuffer();
    private CompletableFuture<Void> ready;
    private Thread reader;

    Phoihop(Path repo, Path data, String adminSecret) throws IOException {
        this.repo = repo;
        this.data = data;
        env.put("PHOIHOP_DATA", data.toString());
        env.put("ADMIN_CLIENT_SECRET", adminSecret);
        env.put("PHOIHOP_START_TIMEOUT", Integer.toString(START_TIMEOUT_SECONDS));
        var variables = List.of("GATEWAY_PORT", "UNIT_SERVICE_PORT", "PROGRAM_SERVICE_PORT", "AUTH_SERVER_PORT",
                "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT");
        var ports = distinctFreePorts(variables.size());
        for (int i = 0; i < variables.size(); i++) {
            env.put(variables.get(i), Integer.toString(ports.get(i)));
        }
    }

    /**
     * A system of its own for one test class: fresh data under {@code e2e/target/e2e-data/<name>-*}, started and
     * ready. {@code settings} are extra environment variables for devstack and the services it starts.
     */
    static Phoihop startFresh(String name, String adminSecret, Map<String, String> settings) throws Exception {
        Path repo = Path.of(System.getProperty("phoihop.home", "..")).toAbsolutePath().normalize();
        requireBuilt(repo);
        Path data = Files.createTempDirectory(Files.createDirectories(repo.resolve("e2e/target/e2e-data")), name + "-");
        var phoihop = new Phoihop(repo, data, adminSecret);
        phoihop.env.putAll(settings);
        long begin = System.nanoTime();
        phoihop.start();
        phoihop.awaitReady(READY_SECONDS);
        System.out.printf("e2e: phoihop ready after %.1f s (data in %s)%n", (System.nanoTime() - begin) / 1e9, data);
        return phoihop;
    }

    /** A failed step is easier to read next to what the system logged meanwhile. */
    static TestWatcher reportOnFailure(Supplier<Phoihop> system) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                if (system.get() != null) {
                    System.out.println("e2e: " + context.getDisplayName() + " failed; the system's side:\n"
                            + system.get().report());
                }
            }
        };
    }

    /** The jars the reactor builds before this module; without them nothing here can run. */
    static void requireBuilt(Path repo) {
        var missing = new ArrayList<String>();
        for (String module : SERVICES) {
            if (!Files.isRegularFile(repo.resolve(module + "/target/" + module + ".jar"))) {
                missing.add(module + "/target/" + module + ".jar");
            }
        }
        if (!Files.isRegularFile(repo.resolve("devstack/target/devstack.jar"))) {
            missing.add("devstack/target/devstack.jar");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The end-to-end test runs the packaged system, but " + missing + " are missing"
                    + " under " + repo + ". Build them first: ./mvnw -B -DskipTests install (or run ./mvnw -B verify"
                    + " from the root: e2e is the reactor's last module).");
        }
    }

    String gatewayUrl() {
        return "http://localhost:" + env.get("GATEWAY_PORT");
    }

    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-Dphoihop.home=" + repo, "-jar",
                repo.resolve("devstack/target/devstack.jar").toString(), "up").redirectErrorStream(true);
        // an outer shell's settings must not send the system to some other broker or database
        builder.environment().keySet().removeAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "PHOIHOP_JAVA_OPTS"));
        builder.environment().putAll(env);
        output.setLength(0);
        ready = new CompletableFuture<>();
        process = builder.start();
        Process current = process;
        reader = new Thread(() -> read(current), "phoihop-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Process current) {
        try (var in = new BufferedReader(new InputStreamReader(current.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.equals(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException ended) {
            // the process is gone; the output so far is what it said
        }
        ready.completeExceptionally(new IllegalStateException("devstack ended before it was ready"));
    }

    /** Waits for {@value #READY}; on failure the message carries the output and every log's tail. */
    void awaitReady(long seconds) {
        try {
            ready.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("phoihop was not ready within " + seconds + " s: " + e.getMessage() + "\n" + report());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Process process() {
        return process;
    }

    /** All devstack printed, once it has ended (the reader drains the pipe to its end). */
    String output() throws InterruptedException {
        reader.join(10_000);
        return output.toString();
    }

    /** What devstack printed and the last lines of every log: what a failure report needs. */
    String report() {
        var text = new StringBuilder("---- devstack output ----\n").append(output);
        for (String name : Stream.concat(Stream.of("kafka"), SERVICES.stream()).toList()) {
            Path log = data.resolve("logs/" + name + ".log");
            text.append("---- last 60 lines of ").append(log).append(" ----\n");
            try {
                List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
                lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> text.append(l).append('\n'));
            } catch (IOException e) {
                text.append("(none: ").append(e.getMessage()).append(")\n");
            }
        }
        return text.toString();
    }

    /**
     * Every line of every log file of the system (the services, Kafka, devstack) that carries personal data: the
     * values the tests send, or anything shaped like a Vietnamese phone number or citizen identity number.
     */
    List<String> personalDataInLogs() throws IOException {
        return logFiles().stream().flatMap(f -> CapturedLog.leaks(f).stream()).toList();
    }

    /** Where (file:line, never the line itself) a log of the system contains one of {@code secrets} verbatim. */
    List<String> placesInLogsOf(List<String> secrets) throws IOException {
        var places = new ArrayList<String>();
        for (Path file : logFiles()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (secrets.stream().anyMatch(line::contains)) {
                    places.add(file.getFileName() + ":" + (i + 1));
                }
            }
        }
        return places;
    }

    private List<Path> logFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> logs = Files.list(data.resolve("logs"))) {
            files = logs.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        if (!names.containsAll(List.of("unit-service.log", "gateway.log", "program-service.log", "auth-server.log", "kafka.log"))) {
            throw new AssertionError("a log file of the system is missing: " + names);
        }
        return files;
    }

    /** Last resort after a failed test: nothing may outlive it. */
    void kill() {
        if (process != null) {
            List<ProcessHandle> family = process.descendants().toList();
            process.destroyForcibly();
            family.forEach(ProcessHandle::destroyForcibly);
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
