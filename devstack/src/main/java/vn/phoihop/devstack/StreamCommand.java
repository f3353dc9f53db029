package vn.phoihop.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code stream [--program <id>] [--unit <id>] [--types <t1,t2>] [--after <event id>]}: follows the gateway's live
 * stream with the admin client's token and prints one line per event (time, type, subject, unit, program). When the
 * stream ends it prints the last event id, to go on with {@code --after}. Exit 0 when the stream ended, 1 when it was
 * refused or could not be reached, 2 on a usage error.
 */
final class StreamCommand {

    static final String USAGE = """
            usage: phoihop stream [--program <id>] [--unit <id>] [--types <type,type…>] [--after <event id>]
              --program  only this program's events
              --unit     only events of this unit and the units below it
              --types    only these event types, e.g. activity.submitted.v1,program.activated.v1
              --after    resume after this event id (what a previous run printed last)
            prints one line per event: time, type, subject, unit and program; Ctrl-C stops.""";

    private static final Map<String, String> OPTIONS = Map.of("--program", "programId", "--unit", "unitId",
            "--types", "types", "--after", "after");

    private StreamCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("phoihop: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Optional<String> token = ImportCommand.token(settings, err);
        if (token.isEmpty()) {
            return 1;
        }
        var request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl() + "/api/v1/stream" + query(options)))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "text/event-stream");
        if (options.containsKey("after")) {
            request.header("Last-Event-ID", options.get("after"));
        }
        HttpResponse<Stream<String>> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (ConnectException e) {
            err.println("phoihop: nothing answers at " + settings.gatewayUrl() + ". Is phoihop running? Start it with ./phoihop up");
            return 1;
        } catch (IOException e) {
            err.println("phoihop: calling " + settings.gatewayUrl() + " failed: " + e);
            return 1;
        }
        if (response.statusCode() != 200) {
            String body = response.body().collect(Collectors.joining("\n"));
            err.println("phoihop: the stream was refused (" + response.statusCode() + "): " + detail(body));
            return 1;
        }
        String last = follow(response.body(), out);
        out.println(last == null ? "stream ended" : "stream ended; go on with: ./phoihop stream --after " + last);
        return 0;
    }

    /** Prints each event as it comes; returns the id of the last one. */
    private static String follow(Stream<String> lines, PrintStream out) {
        String last = null;
        String id = null;
        String event = null;
        var data = new StringBuilder();
        try (lines) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (event != null) {
                        out.println(format(event, data.toString()));
                        last = id == null ? last : id;
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (UncheckedIOException closed) {
            // the gateway went away: report what we have
        }
        return last;
    }

    /** {@code 2026-08-19T02:30:00Z  activity.submitted.v1  act-1  unit u-ninh-kieu  program prg-09}. */
    static String format(String event, String data) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(data);
        } catch (RuntimeException notJson) {
            return event + "  " + data;
        }
        if (!json.has("specversion")) { // overflow, reset: the gateway's own notices
            return event + "  " + text(json, "detail");
        }
        var line = new StringBuilder(text(json, "time")).append("  ").append(text(json, "type"))
                .append("  ").append(text(json, "subject"));
        if (json.hasNonNull("unitid")) {
            line.append("  unit ").append(text(json, "unitid"));
        }
        if (json.hasNonNull("programid")) {
            line.append("  program ").append(text(json, "programid"));
        }
        return line.toString();
    }

    static Map<String, String> parse(List<String> args) {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = OPTIONS.get(args.get(i));
            if (name == null) {
                throw new IllegalArgumentException("unknown option '" + args.get(i) + "'");
            }
            if (i + 1 >= args.size() || args.get(i + 1).isBlank() || args.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(args.get(i) + " needs a value");
            }
            options.put(name, args.get(i + 1));
        }
        return options;
    }

    private static String query(Map<String, String> options) {
        String query = options.entrySet().stream().filter(e -> !e.getKey().equals("after"))
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }

    private static String detail(String body) {
        try {
            JsonNode json = JsonMapper.shared().readTree(body);
            return json.has("detail") ? json.get("detail").asString() : body;
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asString() : "-";
    }
}
