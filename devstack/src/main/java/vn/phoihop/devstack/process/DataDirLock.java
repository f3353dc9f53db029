package vn.phoihop.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One devstack per data dir. A second one would take the first's children for leftovers and stop them.
 * The lock is the operating system's, so it goes with the process, even on {@code kill -9}.
 */
public final class DataDirLock {

    private static FileLock held; // for the life of this JVM

    private DataDirLock() {
    }

    /** Takes the lock, or returns the pid recorded by the devstack that holds it. */
    public static synchronized Optional<String> acquire(Path runDir) {
        Path file = runDir.resolve("devstack.lock");
        try {
            Files.createDirectories(runDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())));
            held = lock;
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }
}
