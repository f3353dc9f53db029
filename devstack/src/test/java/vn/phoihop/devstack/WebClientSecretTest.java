package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebClientSecretTest {

    @TempDir
    Path home;

    @Test
    void isGeneratedOnceOwnerOnlyAndKept() throws Exception {
        Settings settings = Settings.from(Map.of("PHOIHOP_DATA", home.resolve("data").toString()), home);

        String first = WebClientSecret.resolve(settings);

        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.webSecretFile()))).isEqualTo("rw-------");
        assertThat(WebClientSecret.resolve(settings)).isEqualTo(first);
        try (var files = Files.list(settings.dataDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("web-client-secret");
        }
    }

    @Test
    void theEnvironmentWins() {
        Settings settings = Settings.from(Map.of("PHOIHOP_DATA", home.toString(), "WEB_CLIENT_SECRET", "given"), home);

        assertThat(WebClientSecret.resolve(settings)).isEqualTo("given");
        assertThat(settings.webSecretFile()).doesNotExist();
    }

    @Test
    void onlyAuthServerAndTheGatewayGetItWithAddressesThatFollowTheGatewaysPort() {
        Settings settings = Settings.from(Map.of("GATEWAY_PORT", "18080"), home);

        for (Service service : Service.all(settings)) {
            var env = service.env(settings, "mongodb://x", "s3cret");
            if (service.name().equals("auth-server") || service.name().equals("gateway")) {
                assertThat(env).containsEntry("WEB_CLIENT_SECRET", "s3cret")
                        .containsEntry("WEB_REDIRECT_URIS", "http://localhost:18080/auth/callback,http://127.0.0.1:18080/auth/callback")
                        .containsEntry("WEB_POST_LOGOUT_REDIRECT_URIS", "http://localhost:18080/,http://127.0.0.1:18080/");
            } else {
                assertThat(env).doesNotContainKeys("WEB_CLIENT_SECRET", "WEB_REDIRECT_URIS");
            }
        }
    }
}
