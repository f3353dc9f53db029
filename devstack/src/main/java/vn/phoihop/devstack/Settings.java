package vn.phoihop.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code up} and {@code token} need to know, resolved once from the environment (the contract in
 * docs/configuration.md) and the checkout they run from.
 */
public record Settings(
        Path home,
        Path dataDir,
        int gatewayPort,
        int unitServicePort,
        int programServicePort,
        int authServerPort,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        Optional<String> externalKafka,
        Optional<String> externalMongo,
        Duration startTimeout,
        List<String> serviceJavaOptions,
        Optional<String> adminClientSecret,
        String gatewayUrl,
        Optional<String> webClientSecret) {

    /** Quick start over peak speed: four service JVMs share two cores with Kafka. */
    public static final List<String> DEFAULT_SERVICE_JAVA_OPTIONS =
            List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public static Settings from(Map<String, String> env, Path home) {
        Path root = home.toAbsolutePath().normalize();
        Path data = text(env, "PHOIHOP_DATA").map(root::resolve).orElse(root.resolve(".data")).normalize();
        int gatewayPort = port(env, "GATEWAY_PORT", 8080);
        return new Settings(
                root,
                data,
                gatewayPort,
                port(env, "UNIT_SERVICE_PORT", 8081),
                port(env, "PROGRAM_SERVICE_PORT", 8082),
                port(env, "AUTH_SERVER_PORT", 9000),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "MONGODB_PORT", 27017),
                text(env, "KAFKA_BOOTSTRAP_SERVERS"),
                text(env, "MONGODB_URI"),
                Duration.ofSeconds(positive(env, "PHOIHOP_START_TIMEOUT", 180)),
                text(env, "PHOIHOP_JAVA_OPTS").map(o -> List.of(o.trim().split("\\s+"))).orElse(DEFAULT_SERVICE_JAVA_OPTIONS),
                text(env, "ADMIN_CLIENT_SECRET"),
                text(env, "PHOIHOP_GATEWAY_URL").orElse("http://localhost:" + gatewayPort),
                text(env, "WEB_CLIENT_SECRET"));
    }

    /** Every port {@code up} will bind, with who wants it and which variable moves it. */
    public List<PortClaim> portClaims() {
        var claims = new ArrayList<PortClaim>(Arrays.asList(
                new PortClaim("gateway", gatewayPort, "GATEWAY_PORT"),
                new PortClaim("unit-service", unitServicePort, "UNIT_SERVICE_PORT"),
                new PortClaim("program-service", programServicePort, "PROGRAM_SERVICE_PORT"),
                new PortClaim("auth-server", authServerPort, "AUTH_SERVER_PORT")));
        if (externalKafka.isEmpty()) {
            claims.add(new PortClaim("Kafka broker", kafkaPort, "KAFKA_PORT"));
            claims.add(new PortClaim("Kafka controller", kafkaControllerPort, "KAFKA_CONTROLLER_PORT"));
        }
        if (externalMongo.isEmpty()) {
            claims.add(new PortClaim("MongoDB", mongoPort, "MONGODB_PORT"));
        }
        return claims;
    }

    public String kafkaBootstrapServers() {
        return externalKafka.orElse("localhost:" + kafkaPort);
    }

    public Path adminSecretFile() {
        return dataDir.resolve("admin-client-secret");
    }

    /** The secret of auth-server's {@code web} client, shared with the gateway (see {@link WebClientSecret}). */
    public Path webSecretFile() {
        return dataDir.resolve("web-client-secret");
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    public Path run() {
        return dataDir.resolve("run");
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        int port = number(env, name, fallback);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, not " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        int value = number(env, name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be a positive number of seconds, not " + value);
        }
        return value;
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        Optional<String> value = text(env, name);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value.get() + "'");
        }
    }
}
