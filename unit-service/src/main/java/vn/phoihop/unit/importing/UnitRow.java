package vn.phoihop.unit.importing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import vn.phoihop.platform.text.LegibleText;
import vn.phoihop.unit.unit.UnitKind;

/**
 * One data line of a units file ({@code code,name,level,parent_code}) as the file states it.
 *
 * <p>Its shape (readable, code and parent code well-formed) is checked when it is read, and a bad shape
 * refuses the whole file; its content (level, name) is checked when it is stored, and refuses that line only.
 */
record UnitRow(int line, String code, String name, String level, String parentCode) {

    static final List<String> COLUMNS = List.of("code", "name", "level", "parent_code");
    // the rules of POST /api/v1/units
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,32}");
    static final int MAX_NAME = 200;
    private static final Map<String, UnitKind> LEVELS = Map.of(
            "province", UnitKind.PROVINCE, "district", UnitKind.DISTRICT, "commune", UnitKind.COMMUNE);

    /** The row of {@code line}, or null with the reason in {@code shapeErrors}. */
    static UnitRow read(CsvLines.Line line, CsvHeader header, LineErrors shapeErrors) {
        if (!line.ok()) {
            shapeErrors.add(line.number(), line.problem());
            return null;
        }
        if (line.fields().size() != header.size()) {
            shapeErrors.add(line.number(), "expected " + header.size() + " fields as in the header, found "
                    + line.fields().size());
            return null;
        }
        var row = new UnitRow(line.number(), header.value(line.fields(), "code"), header.value(line.fields(), "name"),
                header.value(line.fields(), "level").toLowerCase(Locale.ROOT), header.value(line.fields(), "parent_code"));
        String problem = row.shapeProblem();
        if (problem != null) {
            shapeErrors.add(line.number(), problem);
            return null;
        }
        return row;
    }

    private String shapeProblem() {
        if (!CODE.matcher(code).matches()) {
            return code.isEmpty() ? "the code is missing" : "the code must be 1 to 32 letters, digits or . _ / -";
        }
        if (!parentCode.isEmpty() && !CODE.matcher(parentCode).matches()) {
            return "the parent code must be 1 to 32 letters, digits or . _ / -";
        }
        return parentCode.equals(code) ? "code " + code + " names itself as its parent" : null;
    }

    /** Why this row cannot be stored as it is; null when it can. */
    String contentProblem() {
        if (kind() == null) {
            return level.isEmpty() ? "the level is missing (province, district or commune)"
                    : "unknown level '" + (level.length() <= 20 ? level : level.substring(0, 20) + "…")
                            + "' (province, district or commune)";
        }
        if (name.isEmpty()) {
            return "the name is missing";
        }
        if (name.length() > MAX_NAME) {
            return "the name is longer than " + MAX_NAME + " characters";
        }
        String illegible = LegibleText.problem(name);
        return illegible == null ? null : "the name " + illegible;
    }

    UnitKind kind() {
        return kindOf(level);
    }

    /** The kind a {@code level} of the national lists names; null for any other. */
    static UnitKind kindOf(String level) {
        return LEVELS.get(level);
    }

    boolean isTop() {
        return parentCode.isEmpty();
    }
}
