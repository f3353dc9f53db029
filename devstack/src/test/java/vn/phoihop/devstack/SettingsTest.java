package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Path home = Path.of("/srv/phoihop");

    @Test
    void defaultsAreTheEmbeddedLocalSystem() {
        Settings settings = Settings.from(Map.of(), home);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/phoihop/.data"));
        assertThat(settings.portClaims()).extracting(PortClaim::port)
                .containsExactly(8080, 8081, 8082, 9000, 9092, 9093, 27017);
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.serviceJavaOptions()).isEqualTo(Settings.DEFAULT_SERVICE_JAVA_OPTIONS);
        assertThat(settings.gatewayUrl()).isEqualTo("http://localhost:8080");
        assertThat(settings.adminSecretFile()).isEqualTo(Path.of("/srv/phoihop/.data/admin-client-secret"));
    }

    @Test
    void everyPortFollowsItsVariable() {
        Settings settings = Settings.from(Map.of("GATEWAY_PORT", "18080", "UNIT_SERVICE_PORT", "18081",
                "PROGRAM_SERVICE_PORT", "18082", "AUTH_SERVER_PORT", "19000", "KAFKA_PORT", "19092",
                "KAFKA_CONTROLLER_PORT", "19093", "MONGODB_PORT", "37017"), home);

        assertThat(settings.portClaims()).extracting(PortClaim::variable, PortClaim::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GATEWAY_PORT", 18080),
                org.assertj.core.groups.Tuple.tuple("UNIT_SERVICE_PORT", 18081),
                org.assertj.core.groups.Tuple.tuple("PROGRAM_SERVICE_PORT", 18082),
                org.assertj.core.groups.Tuple.tuple("AUTH_SERVER_PORT", 19000),
                org.assertj.core.groups.Tuple.tuple("KAFKA_PORT", 19092),
                org.assertj.core.groups.Tuple.tuple("KAFKA_CONTROLLER_PORT", 19093),
                org.assertj.core.groups.Tuple.tuple("MONGODB_PORT", 37017));
        assertThat(settings.gatewayUrl()).isEqualTo("http://localhost:18080");
    }

    @Test
    void anExternalBrokerOrDatabaseClaimsNoPort() {
        Settings settings = Settings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092",
                "MONGODB_URI", "mongodb://db.example:27017/?replicaSet=rs0"), home);

        assertThat(settings.portClaims()).extracting(PortClaim::variable)
                .containsExactly("GATEWAY_PORT", "UNIT_SERVICE_PORT", "PROGRAM_SERVICE_PORT", "AUTH_SERVER_PORT");
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("kafka.example:9092");
        assertThat(settings.externalMongo()).hasValue("mongodb://db.example:27017/?replicaSet=rs0");
    }

    @Test
    void dataDirIsTakenRelativeToTheCheckoutOrAsGiven() {
        assertThat(Settings.from(Map.of("PHOIHOP_DATA", "var/data"), home).dataDir())
                .isEqualTo(Path.of("/srv/phoihop/var/data"));
        assertThat(Settings.from(Map.of("PHOIHOP_DATA", "/tmp/phoihop"), home).dataDir())
                .isEqualTo(Path.of("/tmp/phoihop"));
    }

    @Test
    void optionsTimeoutSecretAndGatewayUrlComeFromTheEnvironment() {
        Settings settings = Settings.from(Map.of("PHOIHOP_JAVA_OPTS", " -Xmx1g  -XX:+UseG1GC ",
                "PHOIHOP_START_TIMEOUT", "45", "ADMIN_CLIENT_SECRET", "s3cret",
                "PHOIHOP_GATEWAY_URL", "http://gw.example"), home);

        assertThat(settings.serviceJavaOptions()).containsExactly("-Xmx1g", "-XX:+UseG1GC");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.adminClientSecret()).hasValue("s3cret");
        assertThat(settings.gatewayUrl()).isEqualTo("http://gw.example");
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("UNIT_SERVICE_PORT", "eighty"), home))
                .hasMessageContaining("UNIT_SERVICE_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> Settings.from(Map.of("MONGODB_PORT", "70000"), home))
                .hasMessageContaining("MONGODB_PORT").hasMessageContaining("70000");
        assertThatThrownBy(() -> Settings.from(Map.of("PHOIHOP_START_TIMEOUT", "0"), home))
                .hasMessageContaining("PHOIHOP_START_TIMEOUT");
    }
}
