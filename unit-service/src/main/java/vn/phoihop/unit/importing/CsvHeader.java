package vn.phoihop.unit.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;

/**
 * The header line of an import file: where each column is. Columns may come in any order, names in any
 * case; other columns are ignored. A missing required column refuses the whole file.
 */
final class CsvHeader {

    private final List<String> names;

    private CsvHeader(List<String> names) {
        this.names = names;
    }

    static CsvHeader of(CsvLines.Line line, List<String> required) {
        if (line == null) {
            throw refused("The body is empty: expected a header line " + String.join(",", required) + " and rows");
        }
        if (!line.ok()) {
            throw refused("The header line cannot be read: " + line.problem());
        }
        var header = new CsvHeader(line.fields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList());
        List<String> missing = new ArrayList<>(required.stream().filter(c -> !header.names.contains(c)).toList());
        if (!missing.isEmpty()) {
            throw refused("The header line must name the columns " + String.join(",", required) + "; missing: "
                    + String.join(", ", missing));
        }
        return header;
    }

    boolean has(String column) {
        return names.contains(column);
    }

    int size() {
        return names.size();
    }

    /** The stripped value of {@code column} in a row of as many fields as the header; empty if not a column. */
    String value(List<String> fields, String column) {
        int index = names.indexOf(column);
        return index < 0 ? "" : fields.get(index).strip();
    }

    private static ApiException refused(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail + ". Nothing was imported", List.of());
    }
}
