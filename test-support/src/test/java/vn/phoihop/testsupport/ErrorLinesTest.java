package vn.phoihop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ErrorLinesTest {

    @Test
    void readingWhileAnotherThreadLogsNeverFails() throws Exception {
        var logger = LoggerFactory.getLogger("vn.phoihop.testsupport.Busy");
        var root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> console = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender); // thousands of lines are not for the build's output
        var stop = new AtomicBoolean();
        try (ErrorLines errors = ErrorLines.capture()) {
            Thread busy = new Thread(() -> {
                while (!stop.get()) {
                    logger.error("a line from a thread that serves requests");
                }
            }, "http-nio-exec-1");
            busy.start();
            try {
                long until = System.nanoTime() + 3_000_000_000L; // a bound on the tries, not a wait for anything
                while (System.nanoTime() < until) {
                    errors.lines(); // threw ConcurrentModificationException while a line was appended
                }
            } finally {
                stop.set(true);
                busy.join();
            }
            assertThat(errors.lines()).isNotEmpty()
                    .allMatch(line -> line.equals("vn.phoihop.testsupport.Busy: a line from a thread that serves requests"));
        } finally {
            console.forEach(root::addAppender);
        }
    }
}
