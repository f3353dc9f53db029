package vn.phoihop.devstack;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What is printed once everything is healthy: first the web app's address (what most people came for), then
 * where each part is and how a script gets a token.
 */
final class ReadyBanner {

    private ReadyBanner() {
    }

    static String text(Settings settings, double seconds) {
        var text = new StringBuilder();
        String gateway = "http://localhost:" + settings.gatewayPort();
        text.append(String.format(Locale.ROOT, "%nAll parts healthy after %.1f s.%n%n", seconds))
                .append("  Web app     ").append(gateway).append("/\n")
                .append("              sign in as a person made with ./phoihop user create\n\n");
        row(text, "part", "address", "log");
        row(text, "mongo", settings.externalMongo().map(uri -> "external (MONGODB_URI)")
                .orElse("mongodb://127.0.0.1:" + settings.mongoPort()), settings.externalMongo().isPresent() ? "-" : log(settings, "devstack"));
        row(text, "kafka", settings.kafkaBootstrapServers(), settings.externalKafka().isPresent() ? "-" : log(settings, "kafka"));
        for (Service service : Service.all(settings)) {
            row(text, service.name(), service.url(), log(settings, service.name()));
        }
        String secret = settings.adminClientSecret().isPresent() ? "$ADMIN_CLIENT_SECRET"
                : "$(cat " + shown(settings.adminSecretFile()) + ")";
        text.append('\n')
                .append("  API         ").append(gateway).append("/api/v1\n")
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
