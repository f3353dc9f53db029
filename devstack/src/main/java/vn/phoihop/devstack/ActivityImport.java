package vn.phoihop.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import activities <file.csv>}: back-fills activities from a spreadsheet through
 * {@code POST /api/v1/activities/batch}, {@value #BATCH} rows a request, with a bar of rows sent and a report
 * of every refused line. Each batch carries an {@code Idempotency-Key} made from its activity ids, and each
 * activity its id, so a batch retried after a lost answer, or the whole file imported again, creates nothing
 * twice. Exit 0 when every row is stored (or was already), 1 when rows were refused or a call failed, 2 for a
 * usage error or a file without the required columns.
 */
final class ActivityImport {

    static final int BATCH = 500;
    static final int ATTEMPTS = 3;
    static final String USAGE = """
            usage: phoihop import activities <file.csv>
              file.csv  UTF-8, header program_id,unit_id,type,occurred_on,title[,id,co_unit_ids,description]
                        and one column per metric, named by its indicator code (docs/activities.md)
            Importing the same file again creates nothing twice.""";

    private ActivityImport() {
    }

    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err, boolean tty)
            throws InterruptedException {
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println("phoihop: " + (args.isEmpty() ? "which file? Give the CSV file to import" : "one file, no options; got "
                    + String.join(" ", args)));
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(args.get(0));
        ActivityFile.Parsed parsed;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed = ActivityFile.read(reader);
        } catch (ActivityFile.BadFile e) {
            err.println("phoihop: " + file + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("phoihop: cannot read " + file + " (" + e.getMessage() + "; is it UTF-8?)");
            return 2;
        }
        Optional<String> token = ImportCommand.token(settings, err);
        if (token.isEmpty()) {
            return 1;
        }
        var report = new Report(parsed.errors());
        var progress = new RowProgress(out, tty, parsed.items().size());
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        URI endpoint = URI.create(settings.gatewayUrl() + "/api/v1/activities/batch");
        List<ActivityFile.Item> items = parsed.items();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<ActivityFile.Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            Optional<String> failure = send(client, endpoint, token.get(), batch, report);
            if (failure.isPresent()) {
                progress.done();
                err.println("phoihop: " + failure.get() + ". " + report.stored() + " rows were stored before; running the same"
                        + " command again stores the rest and creates nothing twice");
                return 1;
            }
            progress.sent(batch.size());
        }
        progress.done();
        return report.print(file, out);
    }

    /** One batch, retried on a lost answer with the same key; empty when answered, else why it failed. */
    private static Optional<String> send(HttpClient client, URI endpoint, String token, List<ActivityFile.Item> batch,
            Report report) throws InterruptedException {
        String body = JsonMapper.shared().writeValueAsString(batch.stream().map(ActivityFile.Item::body).toList());
        var request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key(batch))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() == 200) {
                    report.add(batch, JsonMapper.shared().readTree(response.body()));
                    return Optional.empty();
                }
                last = "the batch was refused (" + response.statusCode() + "): " + detail(response.body());
                if (response.statusCode() < 500) {
                    return Optional.of(last);
                }
            } catch (ConnectException e) {
                last = "nothing answers at " + endpoint.getScheme() + "://" + endpoint.getAuthority() + ". Is phoihop running?";
            } catch (IOException e) {
                last = "the batch got no answer (" + e.getMessage() + ")";
            }
            Thread.sleep(1000L * attempt);
        }
        return Optional.of(last);
    }

    /** The same rows always make the same key. */
    static String key(List<ActivityFile.Item> batch) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            batch.forEach(item -> digest.update(String.valueOf(item.body().get("id")).getBytes(StandardCharsets.UTF_8)));
            return "import-" + HexFormat.of().formatHex(digest.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String detail(String body) {
        try {
            JsonNode json = JsonMapper.shared().readTree(body);
            return json.has("detail") ? json.get("detail").asString() : body;
        } catch (RuntimeException notJson) {
            return body.length() > 300 ? body.substring(0, 300) : body;
        }
    }

    /** What happened to every row. */
    private static final class Report {
        private final List<ActivityFile.LineError> refused;
        private int created;
        private int unchanged;

        Report(List<ActivityFile.LineError> local) {
            this.refused = new ArrayList<>(local);
        }

        int stored() {
            return created + unchanged;
        }

        void add(List<ActivityFile.Item> batch, JsonNode answer) {
            for (JsonNode result : answer.get("results")) {
                int index = result.get("index").asInt();
                int status = result.get("status").asInt();
                if (status == 201) {
                    created++;
                } else if (status == 200) {
                    unchanged++;
                } else {
                    JsonNode problem = result.get("problem");
                    String message = problem != null && problem.has("detail") ? problem.get("detail").asString() : "refused";
                    if (problem != null && problem.has("errors")) {
                        for (JsonNode e : problem.get("errors")) {
                            message += "; " + e.get("field").asString() + ": " + e.get("message").asString();
                        }
                    }
                    refused.add(new ActivityFile.LineError(batch.get(index).line(), status + " " + message));
                }
            }
        }

        int print(Path file, PrintStream out) {
            out.println("Imported " + file + ": " + created + " created, " + unchanged + " unchanged, " + refused.size()
                    + (refused.size() == 1 ? " line refused" : " lines refused"));
            refused.stream().sorted(java.util.Comparator.comparingLong(ActivityFile.LineError::line)).limit(1000)
                    .forEach(e -> out.println("  line " + e.line() + ": " + e.message()));
            if (refused.size() > 1000) {
                out.println("  … and " + (refused.size() - 1000) + " more");
            }
            return refused.isEmpty() ? 0 : 1;
        }
    }

    /** Rows sent: a redrawn bar on a terminal, a line every tenth otherwise. */
    private static final class RowProgress {
        private final PrintStream out;
        private final boolean tty;
        private final int total;
        private int sent;
        private int lastTenth = -1;

        RowProgress(PrintStream out, boolean tty, int total) {
            this.out = out;
            this.tty = tty;
            this.total = total;
        }

        void sent(int rows) {
            sent += rows;
            int percent = total == 0 ? 100 : sent * 100 / total;
            if (tty) {
                int filled = percent * 30 / 100;
                out.print("\r[" + "#".repeat(filled) + "-".repeat(30 - filled) + "] " + String.format("%3d%%", percent) + "  "
                        + sent + " / " + total + " rows");
                out.flush();
            } else if (percent / 10 > lastTenth) {
                lastTenth = percent / 10;
                out.println("sent " + sent + " of " + total + " rows (" + percent + "%)");
            }
        }

        void done() {
            if (tty && sent > 0) {
                out.println();
            }
        }
    }
}
