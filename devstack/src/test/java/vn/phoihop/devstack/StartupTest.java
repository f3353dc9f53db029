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

        startup.await(List.of(new Part("kafka", null, timeout -> polls.incrementAndGet() > 2),
                new Part("gateway", null, timeout -> true)), Duration.ofSeconds(10));

        assertThat(output().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches("  gateway +up after +\\d+\\.\\d s"),
                line -> assertThat(line).matches("  kafka +up after +\\d+\\.\\d s"));
    }

    @Test
    void eachFailedProbeGivesTheNextMoreTimeUpToALimit() throws Exception {
        var given = new java.util.ArrayList<Duration>();

        // a part that is up but, on a busy machine, answers only a probe that waits 5 s
        startup.await(List.of(new Part("kafka", null, timeout -> given.add(timeout) && timeout.toMillis() >= 5_000)),
                Duration.ofSeconds(30));

        assertThat(given.get(0)).isEqualTo(Startup.FIRST_PROBE);
        assertThat(given).isSorted().hasSizeGreaterThan(2);
        assertThat(given.get(given.size() - 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(Startup.longer(Duration.ofSeconds(19))).isEqualTo(Startup.LONGEST_PROBE);
    }

    @Test
    void aChildThatDiesIsReportedWithItsExitCode() {
        Child child = Child.start("program-service", List.of("bash", "-c", "echo boom; exit 3"), Map.of(),
                data.resolve("program-service.log"), data.resolve("run"));

        assertThatThrownBy(() -> startup.await(List.of(new Part("program-service", child, timeout -> false)), Duration.ofSeconds(10)))
                .isInstanceOf(Startup.Failure.class)
                .hasMessage("program-service exited with code 3 before it was healthy.");
        assertThat(child.tail(30)).containsExactly("boom");
    }

    @Test
    void aPartNotHealthyInTimeIsNamedWithTheVariableThatChangesTheLimit() {
        assertThatThrownBy(() -> startup.await(List.of(new Part("gateway", null, timeout -> false)), Duration.ofSeconds(1)))
                .isInstanceOf(Startup.Failure.class)
                .hasMessageContaining("gateway").hasMessageContaining("PHOIHOP_START_TIMEOUT");
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
