package vn.phoihop.logguard;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The logback appender behind the guard, attached to the root logger of every module's tests by
 * {@code phoihop-log-guard.xml}. For each log line that passes the levels it
 * <ul>
 * <li>looks for personal data ({@link PersonalDataFinder}) in everything the line carries: the formatted message, the
 * arguments (also those no placeholder shows), the MDC, key-value pairs, and the exception with its causes,
 * suppressed exceptions and stack trace;</li>
 * <li>records a {@link Leak} when it finds any, which fails the running test ({@link PersonalDataLogGuard});</li>
 * <li>writes the same text to the captured log, {@code <file>}, which tests and the build's final scan grep.</li>
 * </ul>
 * The captured log is emptied once per JVM, when the first guard opens it: logback is reconfigured whenever a
 * Spring context starts, and that must not lose what was captured before.
 */
public class PersonalDataGuard extends AppenderBase<ILoggingEvent> {

    /** Each line of the captured log: the services' own shape, with the thread. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%X{requestId:-}] [%thread] %logger{36} - %msg%n";
    static final String REQUEST_ID = "requestId";
    private static final Map<Path, Writer> CAPTURES = new ConcurrentHashMap<>();
    private static final ThreadLocal<List<Leak>> DELIBERATE = new ThreadLocal<>();

    private String file;
    private PatternLayout layout;
    private Writer capture;

    /** Where the captured log goes; without one the guard still checks, and writes nothing. */
    public void setFile(String file) {
        this.file = file;
    }

    @Override
    public void start() {
        layout = new PatternLayout();
        layout.setContext(getContext());
        layout.setPattern(PATTERN);
        layout.start(); // an exception is added at the end, in full: PatternLayout appends %ex when none is asked for
        if (file != null && !file.isBlank()) {
            capture = CAPTURES.computeIfAbsent(Path.of(file).toAbsolutePath().normalize(), PersonalDataGuard::open);
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String text = render(event);
        List<PersonalDataFinder.Finding> findings = PersonalDataFinder.find(text);
        String written = text;
        if (!findings.isEmpty()) {
            String redacted = PersonalDataFinder.redact(text);
            Leak leak = PersonalDataLeaks.record(Instant.ofEpochMilli(event.getTimeStamp()),
                    event.getLevel().toString(), event.getLoggerName(), event.getThreadName(),
                    PersonalDataFinder.kinds(findings), redacted);
            List<Leak> deliberate = DELIBERATE.get();
            if (deliberate != null) {
                deliberate.add(leak);
                written = "(logged on purpose by a self-test of the guard, redacted) " + redacted;
            }
        }
        if (capture != null) {
            write(capture, written);
        }
    }

    /** The line as the captured log shows it, followed by what it carries beyond the message. */
    String render(ILoggingEvent event) {
        var text = new StringBuilder(layout.doLayout(event));
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && mdc.keySet().stream().anyMatch(k -> !k.equals(REQUEST_ID))) {
            text.append("    mdc ").append(mdc).append('\n');
        }
        if (event.getKeyValuePairs() != null && !event.getKeyValuePairs().isEmpty()) {
            text.append("    key-values ").append(event.getKeyValuePairs()).append('\n');
        }
        Object[] arguments = event.getArgumentArray();
        String message = String.valueOf(event.getFormattedMessage());
        if (arguments != null) {
            for (Object argument : arguments) {
                String shown = describe(argument);
                if (!message.contains(shown)) {
                    text.append("    argument ").append(shown).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String describe(Object argument) {
        try {
            return argument instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(argument);
        } catch (RuntimeException e) {
            return "(toString() failed: " + e + ")";
        }
    }

    /**
     * Runs {@code logsPersonalData}, which logs personal data on purpose to prove the guard catches it, and returns
     * the leaks recorded on this thread meanwhile. They are flagged like any other, and fail the running test unless
     * the caller {@linkplain PersonalDataLeaks#acknowledge acknowledges} them; only the captured log gets their lines
     * redacted, so that the scans of it stay meaningful for everything else.
     */
    public static List<Leak> deliberately(Runnable logsPersonalData) {
        var leaks = new ArrayList<Leak>();
        List<Leak> outer = DELIBERATE.get();
        DELIBERATE.set(leaks);
        try {
            logsPersonalData.run();
        } finally {
            DELIBERATE.set(outer);
        }
        return leaks;
    }

    /**
     * Fails unless every log line of this JVM reaches a started guard: logback is the SLF4J binding, the root logger
     * has the guard, and no logger that stops lines from reaching the root has appenders of its own without it.
     */
    public static void requireInstalled() {
        var factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new AssertionError("The personal-data log guard needs logback as the SLF4J binding, not "
                    + factory.getClass().getName());
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (!guarded(root)) {
            throw new AssertionError("The personal-data log guard is not attached to the root logger: the module's "
                    + "src/test/resources/logback-test.xml must <include resource=\"phoihop-log-guard.xml\"/> "
                    + "(and Spring's logging.config must not replace it)");
        }
        for (Logger logger : context.getLoggerList()) {
            if (!logger.isAdditive() && logger.iteratorForAppenders().hasNext() && !guarded(logger)) {
                throw new AssertionError("Logger " + logger.getName() + " is not additive and has appenders of its "
                        + "own: its lines bypass the personal-data log guard; add the guard to it or drop additivity");
            }
        }
    }

    private static boolean guarded(Logger logger) {
        for (var it = logger.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof PersonalDataGuard guard && guard.isStarted()) {
                return true;
            }
        }
        return false;
    }

    private static Writer open(Path path) {
        try {
            Files.createDirectories(path.getParent());
            return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the captured log " + path, e);
        }
    }

    private void write(Writer writer, String text) {
        try {
            synchronized (writer) {
                writer.write(text);
                writer.flush();
            }
        } catch (IOException e) {
            addError("Cannot write the captured log " + file, e);
        }
    }
}
