package vn.phoihop.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path kafkaDir;

    @Test
    void aSingleKraftNodeOnTheGivenPortsWithOneReplicaOfEverything() {
        Properties props = new KafkaBroker(kafkaDir, 19092, 19093).serverProperties();

        assertThat(props.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(props.getProperty("node.id")).isEqualTo("1");
        assertThat(props.getProperty("controller.quorum.voters")).isEqualTo("1@localhost:19093");
        assertThat(props.getProperty("listeners")).isEqualTo("PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093");
        assertThat(props.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://localhost:19092");
        assertThat(props.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(Path.of(props.getProperty("log.dirs"))).isEqualTo(kafkaDir.toAbsolutePath().resolve("data"));
        assertThat(props.getProperty("offsets.topic.num.partitions")).isEqualTo("1");
        assertThat(props.getProperty("num.partitions")).isEqualTo("3");
        assertThat(props.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(props.stringPropertyNames()).filteredOn(name -> name.endsWith("replication.factor"))
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(name -> assertThat(props.getProperty(name)).isEqualTo("1"));
    }

    @Test
    void preparesOnceAndKeepsTheClusterIdOnRestart() throws Exception {
        var broker = new KafkaBroker(kafkaDir, 19092, 19093);

        broker.prepare();
        String clusterId = Files.readString(kafkaDir.resolve("cluster-id")).trim();
        broker.prepare();

        assertThat(clusterId).isNotBlank();
        assertThat(Files.readString(kafkaDir.resolve("cluster-id")).trim()).isEqualTo(clusterId);
        assertThat(metaProperties(broker).getProperty("cluster.id")).isEqualTo(clusterId);
        var written = new Properties();
        try (Reader in = Files.newBufferedReader(kafkaDir.resolve("server.properties"))) {
            written.load(in);
        }
        assertThat(written).isEqualTo(broker.serverProperties());
    }

    @Test
    void aLostClusterIdFileIsRecoveredFromTheFormattedLogDir() throws Exception {
        var broker = new KafkaBroker(kafkaDir, 19092, 19093);
        broker.prepare();
        String clusterId = metaProperties(broker).getProperty("cluster.id");

        Files.delete(kafkaDir.resolve("cluster-id"));
        broker.prepare();

        assertThat(Files.readString(kafkaDir.resolve("cluster-id")).trim()).isEqualTo(clusterId);
    }

    private static Properties metaProperties(KafkaBroker broker) throws Exception {
        var meta = new Properties();
        try (Reader in = Files.newBufferedReader(broker.logDir().resolve("meta.properties"))) {
            meta.load(in);
        }
        return meta;
    }
}
