package vn.phoihop.devstack;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A spreadsheet of activities, saved as UTF-8 CSV, read into the items of {@code POST /api/v1/activities/batch}.
 * Columns: {@code program_id, unit_id, type, occurred_on, title} (required), {@code id, co_unit_ids} (separated
 * by {@code ;}), {@code description} (optional); every other column is a metric named by its indicator code.
 *
 * <p>Each row gets an id: its {@code id} column, else one derived from the row's content (and how many identical
 * rows came before it), so importing the same file again sends the same ids and creates nothing twice.
 */
final class ActivityFile {

    static final List<String> REQUIRED = List.of("program_id", "unit_id", "type", "occurred_on", "title");
    static final Set<String> OPTIONAL = Set.of("id", "co_unit_ids", "description");

    /** A row ready to send, with its line in the file. */
    record Item(long line, Map<String, Object> body) {
    }

    /** A row refused before sending. */
    record LineError(long line, String message) {
    }

    record Parsed(List<Item> items, List<LineError> errors) {
    }

    /** Refuses the file as a whole (exit 2): no header, or a required column missing. */
    static final class BadFile extends Exception {
        BadFile(String message) {
            super(message);
        }
    }

    private ActivityFile() {
    }

    static Parsed read(Reader in) throws IOException, BadFile {
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).get();
        var items = new ArrayList<Item>();
        var errors = new ArrayList<LineError>();
        var seen = new HashMap<String, Integer>();
        try (var parser = format.parse(in)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
            var missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
            if (header.isEmpty() || !missing.isEmpty()) {
                throw new BadFile("the header must name the columns " + String.join(",", REQUIRED) + "; missing: "
                        + String.join(", ", missing));
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    items.add(new Item(line, item(header, record.values(), seen)));
                } catch (IllegalArgumentException e) {
                    errors.add(new LineError(line, e.getMessage()));
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new BadFile("the file is not well-formed CSV: " + e.getMessage());
        }
        return new Parsed(items, errors);
    }

    private static Map<String, Object> item(List<String> header, String[] values, Map<String, Integer> seen) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " fields as in the header, found " + values.length);
        }
        var body = new LinkedHashMap<String, Object>();
        var metrics = new LinkedHashMap<String, Object>();
        for (int c = 0; c < header.size(); c++) {
            String column = header.get(c);
            String value = values[c].strip();
            if (REQUIRED.contains(column) && value.isEmpty()) {
                throw new IllegalArgumentException(column + " is empty");
            }
            switch (column) {
                case "program_id" -> body.put("programId", value);
                case "unit_id" -> body.put("unitId", value);
                case "type" -> body.put("type", value.toUpperCase(Locale.ROOT));
                case "occurred_on" -> body.put("occurredOn", value);
                case "title" -> body.put("title", value);
                case "id", "description" -> {
                    if (!value.isEmpty()) {
                        body.put(column, value);
                    }
                }
                case "co_unit_ids" -> body.put("coUnitIds", Arrays.stream(value.split(";")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList());
                default -> {
                    if (!value.isEmpty()) {
                        metrics.put(column, number(column, value));
                    }
                }
            }
        }
        body.putIfAbsent("coUnitIds", List.of());
        body.put("metrics", metrics);
        if (!body.containsKey("id")) {
            String content = String.join("\u001f", values);
            int n = seen.merge(content, 1, Integer::sum);
            body.put("id", UUID.nameUUIDFromBytes((content + "\u001e" + n).getBytes(StandardCharsets.UTF_8)).toString());
        }
        return body;
    }

    private static BigDecimal number(String column, String value) {
        try {
            return new BigDecimal(value.replace(" ", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric " + column + " is not a number: '"
                    + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
        }
    }
}
