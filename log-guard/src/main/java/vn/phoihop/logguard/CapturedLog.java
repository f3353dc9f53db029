package vn.phoihop.logguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The captured log of this JVM's tests ({@code target/test-logs/unit-tests.log} for Surefire,
 * {@code integration-tests.log} for Failsafe; system property {@value #PROPERTY}), and the scan that greps a log
 * file for personal data.
 */
public final class CapturedLog {

    /** Where {@code phoihop-log-guard.xml} writes the captured log; the build sets it per plugin. */
    public static final String PROPERTY = "phoihop.test.log";
    static final String DEFAULT = "target/test-logs/tests.log";

    private CapturedLog() {
    }

    /** The captured log of this JVM. */
    public static Path path() {
        return Path.of(System.getProperty(PROPERTY, DEFAULT));
    }

    /** Everything this JVM has logged so far. */
    public static String read() {
        try {
            return Files.readString(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lines of {@code file} that carry personal data, each as {@code <file>:<line>: <the line, redacted>}; empty
     * when it holds none.
     */
    public static List<String> leaks(Path file) {
        var leaks = new ArrayList<String>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line : (Iterable<String>) lines::iterator) {
                number++;
                if (PersonalDataFinder.isIn(line)) {
                    leaks.add(file + ":" + number + ": " + PersonalDataFinder.redact(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("Cannot read " + file + " as UTF-8", e.getCause());
        }
        return leaks;
    }

    /**
     * The build's final scan, after every test JVM of a module has ended: greps each {@code *.log} in the given
     * directories and exits 1 when any line carries personal data. It catches what no test could be failed for,
     * such as lines logged while the JVM shut down.
     */
    public static void main(String[] args) throws IOException {
        var leaks = new ArrayList<String>();
        int files = 0;
        long lines = 0;
        for (String dir : args) {
            Path directory = Path.of(dir);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            List<Path> logs;
            try (Stream<Path> list = Files.list(directory)) {
                logs = list.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
            }
            for (Path log : logs) {
                files++;
                try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
                    lines += all.count();
                }
                leaks.addAll(leaks(log));
            }
        }
        if (!leaks.isEmpty()) {
            System.err.println("Personal data in the captured test logs (" + leaks.size()
                    + " line(s), shown redacted):");
            leaks.forEach(l -> System.err.println("  " + l));
            System.exit(1);
        }
        System.out.println("Captured test logs: " + lines + " lines in " + files + " file(s), no personal data");
    }
}
