package vn.phoihop.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The lines logged at ERROR while it is open, by any logger on any thread that serves requests: a client's bad
 * input must leave none (and so no stack trace). Kafka's consumer and producer threads are left out: they work on
 * events other tests of the same context published (a dead letter is rightly an ERROR there), not on the request.
 * Open it after the Spring context has started, which reconfigures logging.
 */
public final class ErrorLines implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ErrorLines() {
        // appended to by every thread that logs while a test reads it: a plain ArrayList failed reads with a
        // ConcurrentModificationException when a Kafka thread logged a dead letter at that moment
        appender.list = new CopyOnWriteArrayList<>();
        appender.start();
        root.addAppender(appender);
    }

    public static ErrorLines capture() {
        return new ErrorLines();
    }

    /** Logger and message of each ERROR line so far (never the arguments: they may be personal data). */
    public List<String> lines() {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .filter(e -> !isKafkaThread(e.getThreadName()))
                .map(e -> e.getLoggerName() + ": " + e.getMessage()
                        + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ")"))
                .toList();
    }

    /** spring-kafka's listener containers ({@code …-C-1}) and the clients' own network threads. */
    private static boolean isKafkaThread(String thread) {
        return thread.matches(".*-C-\\d+") || thread.startsWith("kafka-");
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
