package vn.phoihop.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Pid files left by a devstack that could not stop its children (kill -9, a crash). A pid may have been
 * reused by an unrelated process since, so only processes that are {@link #startedFrom ours} are stopped.
 */
public final class StalePids {

    private StalePids() {
    }

    /** A java process whose command line carries the marker of {@code dataDir}. */
    public static Predicate<ProcessHandle> startedFrom(Path dataDir) {
        String marker = Child.DATA_MARKER + dataDir.toAbsolutePath().normalize();
        return handle -> {
            ProcessHandle.Info info = handle.info();
            boolean java = info.command().map(c -> c.endsWith("/java")).orElse(false);
            return java && arguments(handle).contains(marker);
        };
    }

    /**
     * Read from {@code /proc} where there is one: {@link ProcessHandle.Info#arguments()} gives nothing
     * for a command line longer than a memory page, as a broker's class path easily is.
     */
    static List<String> arguments(ProcessHandle handle) {
        Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            return List.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException noProc) {
            return handle.info().arguments().map(Arrays::asList).orElse(List.of());
        }
    }

    /**
     * Stops every live process named in {@code runDir/*.pid} that {@code ours} accepts and removes the
     * pid files. Returns {@code name (pid n)} for each process stopped, to tell the user.
     */
    public static List<String> stop(Path runDir, Predicate<ProcessHandle> ours, Duration grace) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        var stopped = new ArrayList<String>();
        try (Stream<Path> files = Files.list(runDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                Optional<ProcessHandle> live = pid(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
                if (live.isPresent() && ours.test(live.get())) {
                    Child.stop(live.get(), grace);
                    stopped.add(name + " (pid " + live.get().pid() + ")");
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + runDir + ": " + e.getMessage(), e);
        }
        return stopped;
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
