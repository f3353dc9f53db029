package vn.phoihop.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildTest {

    @TempDir
    Path data;

    @Test
    void writesItsPidAndLogAndStopsWithEverythingItStarted() throws Exception {
        Path log = data.resolve("logs/shell.log");
        Child child = Child.start("shell", List.of("bash", "-c", "echo hello $GREETING; sleep 60 & sleep 60 & wait"),
                Map.of("GREETING", "Ha Noi"), log, data.resolve("run"));
        Path pidFile = data.resolve("run/shell.pid");
        assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(child.process().pid()));
        awaitTrue(() -> child.process().descendants().count() == 2);
        List<ProcessHandle> descendants = child.process().descendants().toList();

        child.stop(Duration.ofSeconds(5));

        assertThat(child.isAlive()).isFalse();
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
        assertThat(pidFile).doesNotExist();
        assertThat(child.tail(30)).containsExactly("hello Ha Noi");
    }

    @Test
    void tailGivesTheLastLines() throws Exception {
        Path log = Files.writeString(data.resolve("x.log"), "1\n2\n3\n4\n");

        assertThat(Child.tail(log, 2)).containsExactly("3", "4");
        assertThat(Child.tail(data.resolve("missing.log"), 2)).singleElement().asString().startsWith("(no log");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
