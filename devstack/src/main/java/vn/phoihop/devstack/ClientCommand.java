package vn.phoihop.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code client create|list|delete}: the admin API for OAuth clients ({@code /api/v1/clients}) through the
 * gateway with the admin client's token. Which roles, agencies and permissions exist is for auth-server to say:
 * its refusal is printed as it comes. Exit 0 on success, 1 when the call was refused or failed, 2 on a usage
 * error.
 */
final class ClientCommand {

    static final String USAGE = """
            usage: phoihop client create --role <role> [--role <role>…] --unit <unit id> --agency <agency>
                                         [--permission <permission>…] [--name <name>]
                   phoihop client list
                   phoihop client delete <client id>
              --role        ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER or PARTNER; repeat for several
              --unit        the unit whose subtree the client may see
              --agency      POLICE, FRONT or OTHER
              --permission  a right beyond the role, e.g. pii:read; repeat for several
              --name        how the client is listed (unique); default: its roles, agency, unit and the time
            create prints the client's id and secret; the secret is not shown again.""";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What {@code create} asks for. */
    record Creation(String name, List<String> roles, String unitId, String agency, List<String> permissions) {
    }

    /** A mistake on the command line: exit 2 with the usage. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private ClientCommand() {
    }

    /** {@code args} are what follows {@code client}. */
    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        HttpRequest.Builder request;
        try {
            request = request(args, settings);
        } catch (UsageException e) {
            err.println("phoihop: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Optional<String> token = ImportCommand.token(settings, err);
        if (token.isEmpty()) {
            return 1;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(request
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token.get())
                    .header("Accept", "application/json, application/problem+json")
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            err.println("phoihop: nothing answers at " + settings.gatewayUrl() + ". Is phoihop running? Start it with ./phoihop up");
            return 1;
        } catch (IOException e) {
            err.println("phoihop: calling " + settings.gatewayUrl() + " failed: " + e);
            return 1;
        }
        JsonNode body = json(response);
        return switch (args.get(0)) {
            case "create" -> response.statusCode() == 201 && body != null && body.hasNonNull("clientSecret")
                    ? printCreated(body, settings, out) : refused(response, err);
            case "list" -> response.statusCode() == 200 && body != null && body.has("items")
                    ? printList(body, out) : refused(response, err);
            default -> response.statusCode() == 204 ? printDeleted(args.get(1), out) : refused(response, err);
        };
    }

    private static HttpRequest.Builder request(List<String> args, Settings settings) throws UsageException {
        String base = settings.gatewayUrl() + "/api/v1/clients";
        String command = args.isEmpty() ? "" : args.get(0);
        switch (command) {
            case "create" -> {
                String body = JsonMapper.shared().writeValueAsString(parseCreation(args.subList(1, args.size()), Instant.now()));
                return HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            }
            case "list" -> {
                if (args.size() > 1) {
                    throw new UsageException("list takes no arguments");
                }
                return HttpRequest.newBuilder(URI.create(base + "?limit=500")).GET();
            }
            case "delete" -> {
                if (args.size() != 2 || args.get(1).startsWith("-")) {
                    throw new UsageException("delete which client? Give one client id");
                }
                return HttpRequest.newBuilder(URI.create(base + "/" + URLEncoder.encode(args.get(1), StandardCharsets.UTF_8)))
                        .DELETE();
            }
            default -> throw new UsageException(command.isEmpty() ? "client what? 'create', 'list' or 'delete'"
                    : "unknown client command '" + command + "'; 'create', 'list' or 'delete'");
        }
    }

    /** The options of {@code create}; roles and agency may be given in any case. */
    static Creation parseCreation(List<String> args, Instant now) throws UsageException {
        var roles = new ArrayList<String>();
        var permissions = new ArrayList<String>();
        String unit = null;
        String agency = null;
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!List.of("--role", "--unit", "--agency", "--permission", "--name").contains(option)) {
                throw new UsageException("unknown option " + option);
            }
            if (i + 1 >= args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--role" -> roles.add(value.toUpperCase(Locale.ROOT));
                case "--permission" -> permissions.add(value);
                case "--unit" -> unit = once(option, unit, value);
                case "--agency" -> agency = once(option, agency, value.toUpperCase(Locale.ROOT));
                default -> name = once(option, name, value);
            }
        }
        if (roles.isEmpty() || unit == null || agency == null) {
            throw new UsageException("create needs at least one --role, a --unit and an --agency");
        }
        if (name == null) { // names are unique: the time tells two clients with the same profile apart
            name = String.join("+", roles) + " " + agency + " " + unit + " " + now.truncatedTo(ChronoUnit.SECONDS);
        }
        return new Creation(name, List.copyOf(roles), unit, agency, List.copyOf(permissions));
    }

    private static String once(String option, String previous, String value) throws UsageException {
        if (previous != null) {
            throw new UsageException(option + " is given twice");
        }
        return value;
    }

    private static int printCreated(JsonNode client, Settings settings, PrintStream out) {
        out.println("Created client '" + text(client, "name") + "'");
        out.println("  client id:     " + text(client, "clientId"));
        out.println("  client secret: " + text(client, "clientSecret"));
        out.println("  " + profile(client));
        out.println("Keep the secret now: auth-server stores only a hash of it and cannot show it again. A token:");
        out.println("  curl -u " + text(client, "clientId") + ":<client secret> -d grant_type=client_credentials "
                + settings.gatewayUrl() + "/oauth2/token");
        return 0;
    }

    private static int printList(JsonNode page, PrintStream out) {
        if (page.get("items").isEmpty()) {
            out.println("No clients yet besides admin. Create one with ./phoihop client create");
        }
        for (JsonNode client : page.get("items")) {
            out.println(text(client, "clientId") + "  " + text(client, "name") + "  (" + profile(client)
                    + ", created " + text(client, "createdAt") + ")");
        }
        if (page.hasNonNull("nextCursor")) {
            out.println("… and more: only the first " + page.get("items").size() + " are shown");
        }
        return 0;
    }

    private static int printDeleted(String clientId, PrintStream out) {
        out.println("Deleted client " + clientId + "; it can obtain no more tokens (those it holds expire within minutes)");
        return 0;
    }

    private static String profile(JsonNode client) {
        var parts = new LinkedHashMap<String, String>();
        parts.put("roles", joined(client.get("roles")));
        parts.put("agency", text(client, "agency"));
        parts.put("unit", text(client, "unitId"));
        parts.put("permissions", client.has("permissions") && !client.get("permissions").isEmpty()
                ? joined(client.get("permissions")) : "none");
        var line = new StringBuilder();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            line.append(line.isEmpty() ? "" : ", ").append(part.getKey()).append(' ').append(part.getValue());
        }
        return line.toString();
    }

    private static int refused(HttpResponse<String> response, PrintStream err) {
        JsonNode problem = json(response);
        String detail = problem != null && problem.has("detail") ? problem.get("detail").asString()
                : response.body().replaceAll("\\s+", " ").trim();
        err.println("phoihop: refused (" + response.statusCode()
                + (problem != null && problem.has("title") ? " " + problem.get("title").asString() : "") + "): " + detail);
        if (problem != null && problem.has("errors")) {
            for (JsonNode e : problem.get("errors")) {
                err.println("  " + text(e, "field") + ": " + text(e, "message"));
            }
        }
        if (response.statusCode() == 401) {
            err.println("  the token was not accepted; is ADMIN_CLIENT_SECRET the secret of this system?");
        }
        return 1;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JsonMapper.shared().readTree(response.body());
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String joined(JsonNode array) {
        var values = new ArrayList<String>();
        if (array != null) {
            array.forEach(v -> values.add(v.asString()));
        }
        return String.join(" ", values);
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asString() : "";
    }
}
