package vn.phoihop.devstack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One supervised child process: its output goes to a log file, its pid to {@code run/<name>.pid} so a
 * later start can clean up after a devstack that was killed hard.
 */
public final class Child {

    /** Marks our processes on their command line: {@link StalePids} only ever kills processes carrying it. */
    public static final String DATA_MARKER = "-Dphoihop.data=";

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private Child(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment. It runs in its own
     * session (setsid), so a Ctrl-C in the terminal reaches only devstack, which then stops the parts in
     * order: services before the broker they flush to.
     */
    public static Child start(String name, List<String> command, Map<String, String> env, Path log, Path runDir) {
        var full = new ArrayList<String>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString()); // execs in place: the pid stays that of the java process
        }
        full.addAll(command);
        var builder = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(runDir);
            Process process = builder.start();
            Path pidFile = runDir.resolve(name + ".pid");
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new Child(name, process, log, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then after {@code grace} SIGKILL, for the process and everything it started. */
    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: the next start checks the process before touching it
        }
    }

    static void stop(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> descendants = handle.descendants().toList(); // before they are re-parented
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            handle.destroyForcibly();
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
            }
        }
        awaitExit(handle);
        descendants.forEach(Child::awaitExit);
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reported by the caller's check that nothing is left
        }
    }

    /** The last {@code lines} lines of the log, for a failure report. */
    public List<String> tail(int lines) {
        return tail(log, lines);
    }

    public static List<String> tail(Path file, int lines) {
        try {
            // decoding that replaces bad bytes: a log must never fail to show because of one
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }
}
