package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceTest {

    private final Settings settings = Settings.from(Map.of("AUTH_SERVER_PORT", "19000", "UNIT_SERVICE_PORT", "18081",
            "PROGRAM_SERVICE_PORT", "18082", "KAFKA_PORT", "19092", "ADMIN_CLIENT_SECRET", "test-secret"),
            Path.of("/srv/phoihop"));

    @Test
    void everyServiceIsToldWhereEverythingElseIs() {
        Service unitService = Service.all(settings).get(1);

        Map<String, String> env = unitService.env(settings, "mongodb://127.0.0.1:27017");

        assertThat(env).containsEntry("SERVER_PORT", "18081")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:19092")
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:27017")
                .containsEntry("AUTH_ISSUER_URI", "http://localhost:19000")
                .containsEntry("AUTH_JWKS_URI", "http://localhost:19000/oauth2/jwks")
                .containsEntry("AUTH_SERVER_URI", "http://localhost:19000")
                .containsEntry("UNIT_SERVICE_URI", "http://localhost:18081")
                .containsEntry("PROGRAM_SERVICE_URI", "http://localhost:18082")
                .containsEntry("PHOIHOP_DATA", "/srv/phoihop/.data")
                .containsEntry("ADMIN_CLIENT_SECRET", "test-secret");
    }

    @Test
    void noSecretIsPassedWhenNoneIsSet() {
        Settings generated = Settings.from(Map.of(), Path.of("/srv/phoihop"));

        assertThat(Service.all(generated).get(0).env(generated, "mongodb://x")).doesNotContainKey("ADMIN_CLIENT_SECRET");
    }

    @Test
    void runsTheModulesFatJarMarkedWithTheDataDir() {
        Service gateway = Service.all(settings).get(3);

        assertThat(gateway.name()).isEqualTo("gateway");
        assertThat(gateway.command(settings)).containsSubsequence("-Xmx384m", "-Dphoihop.data=/srv/phoihop/.data",
                "-jar", "/srv/phoihop/gateway/target/gateway.jar");
        assertThat(gateway.healthUrl()).isEqualTo("http://localhost:8080/actuator/health");
    }
}
