package vn.phoihop.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.phoihop.devstack.process.Child;

/** One of the Spring Boot services, run from the fat jar the reactor builds in its module. */
public record Service(String name, int port) {

    public static List<Service> all(Settings settings) {
        return List.of(
                new Service("auth-server", settings.authServerPort()),
                new Service("unit-service", settings.unitServicePort()),
                new Service("program-service", settings.programServicePort()),
                new Service("gateway", settings.gatewayPort()));
    }

    public Path jar(Path home) {
        return home.resolve(name).resolve("target").resolve(name + ".jar");
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String healthUrl() {
        return url() + "/actuator/health";
    }

    public List<String> command(Settings settings) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.serviceJavaOptions());
        command.add("-Dfile.encoding=UTF-8"); // Vietnamese names in logs, whatever the locale
        command.add(Child.DATA_MARKER + settings.dataDir());
        command.add("-jar");
        command.add(jar(settings.home()).toString());
        return command;
    }

    /** The environment of docs/configuration.md, pointing every service at the parts devstack runs. */
    public Map<String, String> env(Settings settings, String mongoUri) {
        return env(settings, mongoUri, null);
    }

    /**
     * The same, and for auth-server and the gateway the {@code web} client's secret and the gateway's sign-in
     * addresses (its callback and its root, on both loopback names), which follow {@code GATEWAY_PORT}.
     */
    public Map<String, String> env(Settings settings, String mongoUri, String webClientSecret) {
        String auth = "http://localhost:" + settings.authServerPort();
        var env = new HashMap<String, String>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers());
        env.put("MONGODB_URI", mongoUri);
        env.put("AUTH_ISSUER_URI", auth);
        env.put("AUTH_JWKS_URI", auth + "/oauth2/jwks");
        env.put("AUTH_SERVER_URI", auth);
        env.put("UNIT_SERVICE_URI", "http://localhost:" + settings.unitServicePort());
        env.put("PROGRAM_SERVICE_URI", "http://localhost:" + settings.programServicePort());
        env.put("PHOIHOP_DATA", settings.dataDir().toString());
        settings.adminClientSecret().ifPresent(secret -> env.put("ADMIN_CLIENT_SECRET", secret));
        if (webClientSecret != null && (name.equals("auth-server") || name.equals("gateway"))) {
            env.put("WEB_CLIENT_SECRET", webClientSecret);
            String localhost = "http://localhost:" + settings.gatewayPort();
            String loopback = "http://127.0.0.1:" + settings.gatewayPort();
            env.put("WEB_REDIRECT_URIS", localhost + "/auth/callback," + loopback + "/auth/callback");
            env.put("WEB_POST_LOGOUT_REDIRECT_URIS", localhost + "/," + loopback + "/");
        }
        return env;
    }
}
