package vn.phoihop.unit.importing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import vn.phoihop.platform.web.CalendarWindow;
import vn.phoihop.unit.unit.UnitKind;

/**
 * One line of a merge mapping ({@code old_code,new_code,effective_date}, optionally
 * {@code new_name,new_level,new_parent_code} to create the new unit): from {@code effectiveDate} the unit
 * holding {@code oldCode} is merged into the one holding {@code newCode}.
 */
record MergeRow(int line, String oldCode, String newCode, LocalDate effectiveDate, String newName, String newLevel,
        String newParentCode) {

    static final List<String> COLUMNS = List.of("old_code", "new_code", "effective_date");

    /** The row of {@code line}, or null with the reason in {@code shapeErrors}. */
    static MergeRow read(CsvLines.Line line, CsvHeader header, LineErrors shapeErrors) {
        if (!line.ok()) {
            shapeErrors.add(line.number(), line.problem());
            return null;
        }
        List<String> fields = line.fields();
        if (fields.size() != header.size()) {
            shapeErrors.add(line.number(), "expected " + header.size() + " fields as in the header, found " + fields.size());
            return null;
        }
        String oldCode = header.value(fields, "old_code");
        String newCode = header.value(fields, "new_code");
        String date = header.value(fields, "effective_date");
        String problem = !UnitRow.CODE.matcher(oldCode).matches() ? "the old code must be 1 to 32 letters, digits or . _ / -"
                : !UnitRow.CODE.matcher(newCode).matches() ? "the new code must be 1 to 32 letters, digits or . _ / -"
                : null;
        LocalDate effectiveDate = null;
        try {
            effectiveDate = LocalDate.parse(date);
            if (!CalendarWindow.contains(effectiveDate)) {
                problem = problem != null ? problem : "the effective date " + CalendarWindow.MESSAGE;
            }
        } catch (DateTimeParseException e) {
            problem = problem != null ? problem : "the effective date must be a date written YYYY-MM-DD";
        }
        var row = new MergeRow(line.number(), oldCode, newCode, effectiveDate, header.value(fields, "new_name"),
                header.value(fields, "new_level").toLowerCase(Locale.ROOT), header.value(fields, "new_parent_code"));
        problem = problem != null ? problem : row.newUnitProblem();
        if (problem != null) {
            shapeErrors.add(line.number(), problem);
            return null;
        }
        return row;
    }

    private String newUnitProblem() {
        if (newName.isEmpty()) {
            return newLevel.isEmpty() && newParentCode.isEmpty() ? null
                    : "new_level and new_parent_code need a new_name";
        }
        if (newName.length() > UnitRow.MAX_NAME) {
            return "the new name is longer than " + UnitRow.MAX_NAME + " characters";
        }
        if (kind() == null) {
            return "new_level must be province, district or commune when new_name is given";
        }
        return newParentCode.isEmpty() || UnitRow.CODE.matcher(newParentCode).matches() ? null
                : "the new parent code must be 1 to 32 letters, digits or . _ / -";
    }

    /** True when this row says how to create the new unit. */
    boolean describesNewUnit() {
        return !newName.isEmpty();
    }

    UnitKind kind() {
        return UnitRow.kindOf(newLevel);
    }

    /** The same new unit as {@code other} describes, or no description on either side. */
    boolean agreesWith(MergeRow other) {
        return !describesNewUnit() || !other.describesNewUnit() || newName.equals(other.newName)
                && newLevel.equals(other.newLevel) && newParentCode.equals(other.newParentCode);
    }
}
