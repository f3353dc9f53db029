package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.phoihop.devstack.Startup.Part;
import vn.phoihop.devstack.process.Child;

class StartupTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Startup startup = new Startup(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    @Test
    void printsOneLinePerPartAsItBecomesHealthyAndNothingElseWhenNotATerminal() throws Exception {
        var polls = new AtomicInteger();

        startup.await(List.of(new Part("kafka", null, () -> polls.incrementAndGet() > 2),
                new Part("gateway", null, () -> true)), Duration.ofSeconds(10));

        assertThat(output().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches("  gateway +up after +\\d+\\.\\d s"),
                line -> assertThat(line).matches("  kafka +up after +\\d+\\.\\d s"));
    }

    @Test
    void aChildThatDiesIsReportedWithItsExitCode() {
        Child child = Child.start("program-service", List.of("bash", "-c", "echo boom; exit 3"), Map.of(),
                data.resolve("program-service.log"), data.resolve("run"));

        assertThatThrownBy(() -> startup.await(List.of(new Part("program-service", child, () -> false)), Duration.ofSeconds(10)))
                .isInstanceOf(Startup.Failure.class)
                .hasMessage("program-service exited with code 3 before it was healthy.");
        assertThat(child.tail(30)).containsExactly("boom");
    }

    @Test
    void aPartNotHealthyInTimeIsNamedWithTheVariableThatChangesTheLimit() {
        assertThatThrownBy(() -> startup.await(List.of(new Part("gateway", null, () -> false)), Duration.ofSeconds(1)))
                .isInstanceOf(Startup.Failure.class)
                .hasMessageContaining("gateway").hasMessageContaining("PHOIHOP_START_TIMEOUT");
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
