package vn.phoihop.devstack;

import java.nio.file.Path;
import java.util.Locale;

/** The short table printed once everything is healthy: where each part is and how to sign in. */
final class ReadyBanner {

    private ReadyBanner() {
    }

    static String text(Settings settings, double seconds) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nAll parts healthy after %.1f s.%n%n", seconds));
        row(text, "part", "address", "log");
        row(text, "mongo", settings.externalMongo().map(uri -> "external (MONGODB_URI)")
                .orElse("mongodb://127.0.0.1:" + settings.mongoPort()), settings.externalMongo().isPresent() ? "-" : log(settings, "devstack"));
        row(text, "kafka", settings.kafkaBootstrapServers(), settings.externalKafka().isPresent() ? "-" : log(settings, "kafka"));
        for (Service service : Service.all(settings)) {
            row(text, service.name(), service.url(), log(settings, service.name()));
        }
        String gateway = "http://localhost:" + settings.gatewayPort();
        String secret = settings.adminClientSecret().isPresent() ? "$ADMIN_CLIENT_SECRET"
                : "$(cat " + shown(settings.adminSecretFile()) + ")";
        text.append('\n')
                .append("  Gateway     ").append(gateway).append('\n')
                .append("  OpenAPI UI  ").append(gateway).append("/swagger-ui.html\n")
                .append("  Token       ./phoihop token\n")
                .append("              curl -u admin:").append(secret)
                .append(" -d grant_type=client_credentials ").append(gateway).append("/oauth2/token\n")
                .append("  Stop        Ctrl-C\n\n");
        return text.toString();
    }

    private static void row(StringBuilder text, String part, String address, String log) {
        text.append(String.format(Locale.ROOT, "  %-16s %-30s %s%n", part, address, log));
    }

    private static String log(Settings settings, String name) {
        return shown(settings.logs().resolve(name + ".log"));
    }

    /** Relative to the working directory when inside it: short, and copy-pasteable from there. */
    static String shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }
}
