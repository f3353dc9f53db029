package vn.phoihop.testsupport;

import java.util.Locale;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import vn.phoihop.devstack.mongo.EmbeddedMongo;

/**
 * The one switch between real infrastructure in containers and the embedded broker and server.
 *
 * <p>System property {@code phoihop.test.infra}: {@code containers} (Testcontainers: MongoDB 8 as a
 * single-node replica set, Apache Kafka in KRaft mode), {@code embedded} (an in-process KRaft broker
 * and the MongoDB wire-protocol server in memory) or {@code auto} (the default: containers where a
 * Docker engine answers, embedded otherwise). Each is started once per JVM and shared by every test
 * class in it; nothing is ever skipped for want of Docker.
 */
public final class TestInfrastructure {

    public static final String MODE_PROPERTY = "phoihop.test.infra";

    public enum Mode { CONTAINERS, EMBEDDED }

    private static Mode mode;
    private static String kafka;
    private static String mongo;

    private TestInfrastructure() {
    }

    public static synchronized Mode mode() {
        if (mode == null) {
            String wanted = System.getProperty(MODE_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
            mode = switch (wanted) {
                case "containers" -> Mode.CONTAINERS;
                case "embedded" -> Mode.EMBEDDED;
                case "auto", "" -> DockerClientFactory.instance().isDockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
                default -> throw new IllegalArgumentException(
                        MODE_PROPERTY + " must be auto, containers or embedded, not " + wanted);
            };
        }
        return mode;
    }

    /** Bootstrap servers of the shared broker, started on first use. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = mode() == Mode.CONTAINERS ? startKafkaContainer() : startEmbeddedKafka();
        }
        return kafka;
    }

    /** {@code mongodb://host:port[/?replicaSet=…]} of the shared server, without a database name. */
    public static synchronized String mongoUri() {
        if (mongo == null) {
            mongo = mode() == Mode.CONTAINERS ? startMongoContainer() : startEmbeddedMongo();
        }
        return mongo;
    }

    private static String startEmbeddedKafka() {
        var broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        return broker.getBrokersAsString();
    }

    private static String startEmbeddedMongo() {
        var server = EmbeddedMongo.inMemory("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mongo-stop"));
        return server.connectionString();
    }

    @SuppressWarnings("resource") // lives as long as the JVM; Ryuk removes it afterwards
    private static String startKafkaContainer() {
        var container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        return container.getBootstrapServers();
    }

    @SuppressWarnings("resource")
    private static String startMongoContainer() {
        var container = new MongoDBContainer("mongo:8.0").withReplicaSet();
        container.start();
        return container.getConnectionString();
    }
}
