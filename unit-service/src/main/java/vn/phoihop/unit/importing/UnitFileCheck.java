package vn.phoihop.unit.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.Unit;

/**
 * The first pass of a units import, before anything is written: every line is readable, well-formed and
 * unique by code, and every parent code names an earlier line or a unit active today. Any of these wrong
 * refuses the whole file with every such line listed, so a file is never half-imported because of its shape.
 */
final class UnitFileCheck {

    /** What the second pass needs: the line of each code, and the active units that parent codes outside the file name. */
    record Checked(int rows, Map<String, Integer> lineOf, Map<String, String> outsideParents) {
    }

    private final Function<List<String>, Map<String, Unit>> activeByCodes;
    private final LineErrors errors = new LineErrors();
    private final Map<String, Integer> lineOf = new HashMap<>();
    /** parent code not (yet) seen in the file → the lines naming it */
    private final Map<String, List<Integer>> unresolved = new LinkedHashMap<>();
    private int rows;

    UnitFileCheck(Function<List<String>, Map<String, Unit>> activeByCodes) {
        this.activeByCodes = activeByCodes;
    }

    Checked check(InputStream file) throws IOException {
        var lines = new CsvLines(file);
        CsvHeader header = CsvHeader.of(lines.next(), UnitRow.COLUMNS);
        for (CsvLines.Line line = lines.next(); line != null; line = lines.next()) {
            UnitRow row = UnitRow.read(line, header, errors);
            if (row != null) {
                row(row);
            }
        }
        Map<String, String> outside = resolveOutside();
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "File refused", errors.count()
                    + " lines are unreadable, badly formed or name a parent that is not before them; nothing was"
                    + " imported. Mend the lines listed in errors and import the file again", List.of())
                    .with("errorCount", errors.count()).with("errors", errors.listed());
        }
        return new Checked(rows, lineOf, outside);
    }

    private void row(UnitRow row) {
        rows++;
        Integer earlier = lineOf.putIfAbsent(row.code(), row.line());
        if (earlier != null) {
            errors.add(row.line(), "code " + row.code() + " already appears on line " + earlier);
            return;
        }
        if (!row.isTop() && !lineOf.containsKey(row.parentCode())) {
            unresolved.computeIfAbsent(row.parentCode(), p -> new ArrayList<>()).add(row.line());
        }
    }

    /** Parent codes never seen before their children: later in the file (refused) or units active today. */
    private Map<String, String> resolveOutside() {
        List<String> outsideFile = unresolved.keySet().stream().filter(code -> !lineOf.containsKey(code)).toList();
        var found = new HashMap<String, String>();
        for (int from = 0; from < outsideFile.size(); from += UnitImport.BATCH) {
            activeByCodes.apply(outsideFile.subList(from, Math.min(outsideFile.size(), from + UnitImport.BATCH)))
                    .forEach((code, unit) -> found.put(code, unit.id()));
        }
        unresolved.forEach((parentCode, children) -> {
            Integer parentLine = lineOf.get(parentCode);
            for (int child : children) {
                if (parentLine != null) {
                    errors.add(child, "parent code " + parentCode + " comes later, on line " + parentLine
                            + "; list parents before their children");
                } else if (!found.containsKey(parentCode)) {
                    errors.add(child, "parent code " + parentCode + " is neither on an earlier line nor held by an active unit");
                }
            }
        });
        return found;
    }
}
