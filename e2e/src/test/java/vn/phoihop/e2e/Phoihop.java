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
import java.util.stream.Stream;

/**
 * The packaged system started exactly as {@code ./phoihop up} starts it:
 * {@code java -Dphoihop.home=<repo> -jar devstack/target/devstack.jar up}, on ports of its own.
 */
final class Phoihop {

    static final List<String> SERVICES = List.of("auth-server", "unit-service", "program-service", "gateway");
    static final String READY = "phoihop is ready";

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
        var variables = List.of("GATEWAY_PORT", "UNIT_SERVICE_PORT", "PROGRAM_SERVICE_PORT", "AUTH_SERVER_PORT",

                "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT");

        var ports = distinctFreePorts(variables.size());

        for (int i = 0; i < variables.size(); i++) {

            env.put(variables.get(i), Integer.toString(ports.get(i)));

        }
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
