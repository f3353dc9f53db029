package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A program's figures for a unit's subtree over a period, against its targets. */
public record Progress(String programId, String unitId, LocalDate from, LocalDate to, List<IndicatorProgress> indicators) {

    /**
     * Exact decimals. {@code target} and {@code ratio} (actual / target, to {@link ProgressReport#RATIO_DECIMALS}
     * decimals, half up) are null while no target is set; a RATIO indicator's {@code actual} is null while its
     * denominator is zero.
     */
    public record IndicatorProgress(String code, String name, BigDecimal actual, BigDecimal target, BigDecimal ratio) {
    }
}
