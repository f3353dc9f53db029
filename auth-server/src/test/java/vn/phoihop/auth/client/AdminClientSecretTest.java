package vn.phoihop.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminClientSecretTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

    @Test
    void configuredSecretWinsAndNothingIsWrittenOrPrinted() {
        assertThat(AdminClientSecret.resolve(" from-env ", data, out)).isEqualTo("from-env");
        assertThat(data.resolve(AdminClientSecret.FILE_NAME)).doesNotExist();
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void secretInTheDataDirectoryIsUsedSilently() throws Exception {
        Files.writeString(data.resolve(AdminClientSecret.FILE_NAME), "kept-secret\n");
        assertThat(AdminClientSecret.resolve("", data, out)).isEqualTo("kept-secret");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void generatedSecretIsStrongOwnerOnlyPrintedOnceAndReused() throws Exception {
        Path dir = data.resolve("fresh");
        String secret = AdminClientSecret.resolve(null, dir, out);
        Path file = dir.resolve(AdminClientSecret.FILE_NAME);

        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file)).isEqualTo(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminClientSecret.resolve(null, dir, out)).isEqualTo(secret);
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        assertThat(printed).contains(secret).contains(file.toString());
    }

    @Test
    void generatedSecretsDiffer() {
        assertThat(ClientSecrets.generate()).isNotEqualTo(ClientSecrets.generate());
    }
}
