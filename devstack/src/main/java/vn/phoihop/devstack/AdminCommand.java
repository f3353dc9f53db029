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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code client} and {@code user}: {@code create|list|delete} through auth-server's admin API, via the gateway
 * with the admin client's token. What each may be created with is for auth-server to say: its refusal is
 * printed as it comes. Exit 0 on success, 1 when the call was refused or failed, 2 on a usage error.
 */
final class AdminCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The fixed words of one kind of principal.
     *
     * @param noun {@code client} or {@code user}, as typed after {@code phoihop}
     * @param path the admin API's collection, e.g. {@code /api/v1/clients}
     * @param secretField the field of the creation's answer that holds the one-time secret
     * @param none what the list says when it is empty
     * @param deleted what a deletion says, with {@code %s} for the id
     */
    record Api(String noun, String usage, String path, String secretField, String none, String deleted) {
    }

    /** What differs between a client and a user. */
    interface Kind {
        Api api();

        /** The body of a creation, from the options after {@code create}. */
        Object creation(List<String> options) throws UsageException;

        void printCreated(JsonNode created, Settings settings, PrintStream out);

        /** One line of the list. */
        String listed(JsonNode item);
    }

    /** A mistake on the command line: exit 2 with the usage. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private AdminCommand() {
    }

    /** {@code args} are what follows the noun. */
    static int run(Kind kind, List<String> args, Settings settings, PrintStream out, PrintStream err)
            throws InterruptedException {
        Api api = kind.api();
        if (args.contains("-h") || args.contains("--help")) {
            out.println(api.usage());
            return 0;
        }
        HttpRequest.Builder request;
        try {
            request = request(api, kind, args, settings);
        } catch (UsageException e) {
            err.println("phoihop: " + e.getMessage());
            err.println(api.usage());
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
        switch (args.get(0)) {
            case "create" -> {
                if (response.statusCode() != 201 || body == null || !body.hasNonNull(api.secretField())) {
                    return refused(response, err);
                }
                kind.printCreated(body, settings, out);
            }
            case "list" -> {
                if (response.statusCode() != 200 || body == null || !body.has("items")) {
                    return refused(response, err);
                }
                printList(kind, body, out);
            }
            default -> {
                if (response.statusCode() != 204) {
                    return refused(response, err);
                }
                out.println(api.deleted().formatted(args.get(1)));
            }
        }
        return 0;
    }

    private static HttpRequest.Builder request(Api api, Kind kind, List<String> args, Settings settings)
            throws UsageException {
        String base = settings.gatewayUrl() + api.path();
        String command = args.isEmpty() ? "" : args.get(0);
        switch (command) {
            case "create" -> {
                String body = JsonMapper.shared().writeValueAsString(kind.creation(args.subList(1, args.size())));
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
                    throw new UsageException("delete which " + api.noun() + "? Give one " + api.noun() + " id");
                }
                return HttpRequest.newBuilder(URI.create(base + "/" + URLEncoder.encode(args.get(1), StandardCharsets.UTF_8)))
                        .DELETE();
            }
            default -> throw new UsageException(command.isEmpty() ? api.noun() + " what? 'create', 'list' or 'delete'"
                    : "unknown " + api.noun() + " command '" + command + "'; 'create', 'list' or 'delete'");
        }
    }

    /**
     * The values of {@code --option value} pairs: each of {@code repeatable} as often as given, each of
     * {@code once} at most once; any other option is a usage error.
     */
    static Map<String, List<String>> options(List<String> args, Set<String> repeatable, Set<String> once)
            throws UsageException {
        var values = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (!repeatable.contains(option) && !once.contains(option)) {
                throw new UsageException("unknown option " + option);
            }
            if (i + 1 >= args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            List<String> given = values.computeIfAbsent(option, o -> new ArrayList<>());
            if (once.contains(option) && !given.isEmpty()) {
                throw new UsageException(option + " is given twice");
            }
            given.add(args.get(++i));
        }
        return values;
    }

    /** The value of an option given at most once, or {@code null}. */
    static String single(Map<String, List<String>> options, String option) {
        return options.getOrDefault(option, List.of()).stream().findFirst().orElse(null);
    }

    /** Roles, agency, unit and permissions, as a client or a user is shown. */
    static String profile(JsonNode principal) {
        var parts = new LinkedHashMap<String, String>();
        parts.put("roles", joined(principal.get("roles")));
        parts.put("agency", text(principal, "agency"));
        parts.put("unit", text(principal, "unitId"));
        parts.put("permissions", principal.has("permissions") && !principal.get("permissions").isEmpty()
                ? joined(principal.get("permissions")) : "none");
        var line = new StringBuilder();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            line.append(line.isEmpty() ? "" : ", ").append(part.getKey()).append(' ').append(part.getValue());
        }
        return line.toString();
    }

    static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asString() : "";
    }

    private static void printList(Kind kind, JsonNode page, PrintStream out) {
        if (page.get("items").isEmpty()) {
            out.println(kind.api().none());
        }
        for (JsonNode item : page.get("items")) {
            out.println(kind.listed(item));
        }
        if (page.hasNonNull("nextCursor")) {
            out.println("… and more: only the first " + page.get("items").size() + " are shown");
        }
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
}
