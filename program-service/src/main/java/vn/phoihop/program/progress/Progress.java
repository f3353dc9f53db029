package vn.phoihop.program.progress;

import java.time.LocalDate;
import java.util.List;

/** A program's figures for a unit's subtree over a period, against its targets. */
public record Progress(String programId, String unitId, LocalDate from, LocalDate to, List<IndicatorProgress> indicators) {

    /** {@code target} and {@code ratio} (actual / target) are null while no target is set. */
    public record IndicatorProgress(String code, String name, Double actual, Double target, Double ratio) {
    }
}
