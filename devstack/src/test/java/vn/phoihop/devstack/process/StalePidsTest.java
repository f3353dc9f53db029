package vn.phoihop.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePidsTest {

    @TempDir
    Path data;

    private Process process;

    @AfterEach
    void killLeftover() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aLiveProcessOfOursIsStoppedAndItsPidFileRemoved() throws Exception {
        process = new ProcessBuilder("sleep", "60").start();
        Path pidFile = pidFile("kafka", process.pid());

        List<String> stopped = StalePids.stop(pidFile.getParent(), handle -> true, Duration.ofSeconds(5));

        assertThat(stopped).containsExactly("kafka (pid " + process.pid() + ")");
        assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aProcessThatIsNotOursIsLeftAlone() throws Exception {
        process = new ProcessBuilder("sleep", "60").start(); // as if the pid had been reused since
        Path pidFile = pidFile("gateway", process.pid());

        List<String> stopped = StalePids.stop(pidFile.getParent(), StalePids.startedFrom(data), Duration.ofSeconds(5));

        assertThat(stopped).isEmpty();
        assertThat(process.isAlive()).isTrue();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aPidThatIsGoneOnlyLosesItsFile() throws Exception {
        process = new ProcessBuilder("true").start();
        process.waitFor();
        Path pidFile = pidFile("unit-service", process.pid());

        assertThat(StalePids.stop(pidFile.getParent(), handle -> true, Duration.ofSeconds(5))).isEmpty();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aJavaProcessIsOursOnlyWhenStartedForThisDataDir() throws Exception {
        String classes = new File(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, Child.DATA_MARKER + data.toAbsolutePath(), "-cp", classes,
                Sleeper.class.getName()).start();

        // right after the start the command line may still be the launcher's, until java is exec'd
        await().atMost(Duration.ofSeconds(5)).until(() -> StalePids.startedFrom(data).test(process.toHandle()));
        assertThat(StalePids.startedFrom(data.resolve("other")).test(process.toHandle())).isFalse();

        List<String> stopped = StalePids.stop(pidFile("program-service", process.pid()).getParent(),
                StalePids.startedFrom(data), Duration.ofSeconds(5));

        assertThat(stopped).containsExactly("program-service (pid " + process.pid() + ")");
        assertThat(process.isAlive()).isFalse();
    }

    private Path pidFile(String name, long pid) throws Exception {
        Path run = Files.createDirectories(data.resolve("run"));
        return Files.writeString(run.resolve(name + ".pid"), Long.toString(pid));
    }
}
