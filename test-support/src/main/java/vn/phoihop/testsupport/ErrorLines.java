package vn.phoihop.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines logged at ERROR while it is open, by any logger: a client's bad input must leave none (and so no
 * stack trace). Open it after the Spring context has started, which reconfigures logging.
 */
public final class ErrorLines implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ErrorLines() {
        appender.start();
        root.addAppender(appender);
    }

    public static ErrorLines capture() {
        return new ErrorLines();
    }

    /** Logger and message of each ERROR line so far (never the arguments: they may be personal data). */
    public List<String> lines() {
        return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getMessage()
                        + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ")"))
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
