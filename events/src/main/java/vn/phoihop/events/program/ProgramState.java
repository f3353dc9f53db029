package vn.phoihop.events.program;

import java.time.LocalDate;
import java.util.List;

/**
 * Data of every {@code program.*.v1} event: the program as it stands after the change, so a
 * consumer's view can be replaced whole when {@code version} is newer than the one it holds.
 * {@code enrolledUnitIds}: the units taking part, each with its whole subtree.
 */
public record ProgramState(
        String programId,
        long version,
        String code,
        String title,
        String status,
        LocalDate startsOn,
        LocalDate endsOn,
        String scopeUnitId,
        List<Indicator> indicators,
        List<String> enrolledUnitIds) {

    public ProgramState {
        enrolledUnitIds = enrolledUnitIds == null ? List.of() : List.copyOf(enrolledUnitIds);
    }

    /** A state without enrolments, as the first events carried it. */
    public ProgramState(String programId, long version, String code, String title, String status, LocalDate startsOn,
            LocalDate endsOn, String scopeUnitId, List<Indicator> indicators) {
        this(programId, version, code, title, status, startsOn, endsOn, scopeUnitId, indicators, List.of());
    }

    public record Indicator(String code, String name, String unitOfMeasure, String aggregation) {
    }
}
