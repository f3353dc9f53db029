package vn.phoihop.events.program;

import java.time.LocalDate;
import java.util.List;

/**
 * Data of every {@code program.*.v1} event: the program as it stands after the change, so a
 * consumer's view can be replaced whole when {@code version} is newer than the one it holds.
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
        List<Indicator> indicators) {

    public record Indicator(String code, String name, String unitOfMeasure, String aggregation) {
    }
}
