package vn.phoihop.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import units <file.csv> [--parent <id>] [--valid-from <date>]} and {@code import merges <file.csv>}:
 * stream the file to {@code POST /api/v1/units/import} (or {@code /api/v1/units/merges/import}) through the
 * gateway with the admin client's token, show how much of it has been sent and how long unit-service has been
 * at it, then print the summary and every refused line. Exit 0 when every line was imported (or found
 * unchanged), 1 when lines were refused or the call failed, 2 on a usage error.
 */
final class ImportCommand {

    static final String USAGE = """
            usage: phoihop import units <file.csv> [--parent <id>] [--valid-from <YYYY-MM-DD>]
                   phoihop import merges <file.csv>
                   phoihop import activities <file.csv>   (see phoihop import activities --help)
              units         UTF-8, header code,name,level,parent_code (see docs/import.md)
              --parent      the unit that rows without a parent code go under (default: none, they become roots)
              --valid-from  the day the imported units start (default: today in Viet Nam)
              merges        UTF-8, header old_code,new_code,effective_date[,new_name,new_level,new_parent_code]:
                            the old units are merged into the new ones from effective_date
            Importing the same file again creates nothing twice.""";

    static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The parsed command line. */
    record Arguments(String what, Path file, Optional<String> parent, Optional<LocalDate> validFrom) {
        String path() {
            return what.equals("merges") ? "/api/v1/units/merges/import" : "/api/v1/units/import";
        }
    }

    /** A mistake on the command line: exit 2 with the usage. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private ImportCommand() {
    }

    /** {@code args} are what follows {@code import}. */
    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err, boolean tty)
            throws InterruptedException {
        if (!args.isEmpty() && args.get(0).equals("activities")) {
            return ActivityImport.run(args.subList(1, args.size()), settings, out, err, tty);
        }
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Arguments arguments;
        long size;
        try {
            arguments = parse(args);
            size = Files.size(arguments.file());
        } catch (UsageException | IOException e) {
            err.println("phoihop: " + (e instanceof IOException ? "cannot read " + e.getMessage() : e.getMessage()));
            err.println(USAGE);
            return 2;
        }
        Optional<String> token = token(settings, err);
        if (token.isEmpty()) {
            return 1;
        }
        URI endpoint = URI.create(settings.gatewayUrl() + arguments.path() + query(arguments));
        var progress = new UploadProgress(out, tty, size);
        var request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "text/csv; charset=UTF-8")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return progress.counting(Files.newInputStream(arguments.file()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), size))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            progress.abandon();
            err.println("phoihop: nothing answers at " + settings.gatewayUrl() + ". Is phoihop running? Start it with ./phoihop up");
            return 1;
        } catch (HttpTimeoutException e) {
            progress.abandon();
            err.println("phoihop: no answer within " + TIMEOUT.toMinutes() + " minutes; the import may still be running."
                    + " Importing the file again creates nothing twice");
            return 1;
        } catch (IOException e) {
            progress.abandon();
            err.println("phoihop: sending " + arguments.file() + " to " + endpoint + " failed: " + e);
            return 1;
        }
        progress.done();
        return report(arguments.file(), response, out, err);
    }

    static Arguments parse(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("import what? 'units', 'merges' or 'activities'");
        }
        String what = args.get(0);
        if (!what.equals("units") && !what.equals("merges")) {
            throw new UsageException("cannot import '" + what + "'; only 'units', 'merges' and 'activities' can be imported");
        }
        Path file = null;
        String parent = null;
        LocalDate validFrom = null;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = option.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (option) {
                case "--parent" -> {
                    parent = value(option, inline, args, inline == null ? ++i : i);
                    if (!parent.matches("[A-Za-z0-9_-]{1,64}")) {
                        throw new UsageException("--parent must be a unit id (letters, digits, _ and -), not '" + parent + "'");
                    }
                }
                case "--valid-from" -> {
                    String date = value(option, inline, args, inline == null ? ++i : i);
                    try {
                        validFrom = LocalDate.parse(date);
                    } catch (DateTimeParseException e) {
                        throw new UsageException("--valid-from must be a date like 2025-07-01, not '" + date + "'");
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    if (file != null) {
                        throw new UsageException("one file at a time; got " + file + " and " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new UsageException("which file? Give the CSV file to import");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(file + " is not a readable file");
        }
        if (what.equals("merges") && (parent != null || validFrom != null)) {
            throw new UsageException("--parent and --valid-from are for units; a merge mapping carries its own dates");
        }
        return new Arguments(what, file, Optional.ofNullable(parent), Optional.ofNullable(validFrom));
    }

    private static String value(String option, String inline, List<String> args, int i) throws UsageException {
        String value = inline != null ? inline : i < args.size() ? args.get(i) : null;
        if (value == null || value.isBlank() || (inline == null && value.startsWith("--"))) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    private static String query(Arguments arguments) {
        var query = new StringBuilder();
        arguments.parent().ifPresent(p -> query.append(query.isEmpty() ? "?" : "&").append("parentId=")
                .append(URLEncoder.encode(p, StandardCharsets.UTF_8)));
        arguments.validFrom().ifPresent(d -> query.append(query.isEmpty() ? "?" : "&").append("validFrom=").append(d));
        return query.toString();
    }

    /** The admin token as {@code ./phoihop token} gets it; its messages go to {@code err}. */
    static Optional<String> token(Settings settings, PrintStream err) throws InterruptedException {
        var captured = new ByteArrayOutputStream();
        int code = Token.run(settings, new PrintStream(captured, true, StandardCharsets.UTF_8), err);
        String token = captured.toString(StandardCharsets.UTF_8).trim();
        return code == 0 && !token.isEmpty() ? Optional.of(token) : Optional.empty();
    }

    private static int report(Path file, HttpResponse<String> response, PrintStream out, PrintStream err) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(response.body());
        } catch (RuntimeException notJson) {
            json = null;
        }
        if (response.statusCode() != 200 || json == null || !json.has("unchanged")) {
            String detail = json != null && json.has("detail") ? json.get("detail").asString()
                    : abbreviate(response.body());
            err.println("phoihop: the import of " + file + " was refused (" + response.statusCode()
                    + (json != null && json.has("title") ? " " + json.get("title").asString() : "") + "): " + detail);
            if (json != null && json.has("errors")) {
                for (JsonNode e : json.get("errors")) {
                    err.println("  " + text(e, "field") + ": " + text(e, "message"));
                }
            }
            if (response.statusCode() == 504) {
                err.println("  the gateway stopped waiting; unit-service may still be importing."
                        + " Run the same command again later: what is stored counts as unchanged and the rest is imported");
            }
            if (response.statusCode() == 401) {
                err.println("  the token was not accepted; is ADMIN_CLIENT_SECRET the secret of this system?");
            }
            return 1;
        }
        int errors = json.has("errorCount") ? json.get("errorCount").asInt() : json.get("errors").size();
        String counts = (json.has("merged") ? json.get("merged").asInt() + " merged, " : "") + json.get("created").asInt()
                + " created, " + json.get("unchanged").asInt() + " unchanged, ";
        out.println("Imported " + file + ": " + counts + errors + (errors == 1 ? " line refused" : " lines refused"));
        int listed = 0;
        for (JsonNode e : json.get("errors")) {
            out.println("  line " + e.get("line").asInt() + ": " + text(e, "message"));
            listed++;
        }
        if (errors > listed) {
            out.println("  … and " + (errors - listed) + " more");
        }
        return errors == 0 ? 0 : 1;
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : "";
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.isEmpty() ? "no details" : oneLine.substring(0, Math.min(300, oneLine.length()));
    }
}
