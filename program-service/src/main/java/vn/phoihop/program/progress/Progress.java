package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A program's figures for a unit's subtree over a period, against its targets. */
public record Progress(String programId, String unitId, LocalDate from, LocalDate to, List<IndicatorProgress> indicators) {

    /**
     * Exact decimals. {@code target} and {@code ratio} (actual / target, to {@link ProgressReport#RATIO_DECIMALS}
     * decimals, half up) are null while no target is set; a RATIO indicator's {@code actual} is null while its
     * denominator is zero. {@code numerator} and {@code denominator}: a RATIO indicator's parts, null for others;
     * {@code valueDate}: a LATEST indicator's date of the latest report added into its figure, null for others or
     * without a report.
     */
    public record IndicatorProgress(String code, String name, BigDecimal actual, BigDecimal target, BigDecimal ratio,
            BigDecimal numerator, BigDecimal denominator, LocalDate valueDate) {

        /** A figure without parts or date, as reviews frozen before those were kept hold it. */
        public IndicatorProgress(String code, String name, BigDecimal actual, BigDecimal target, BigDecimal ratio) {
            this(code, name, actual, target, ratio, null, null, null);
        }
    }
}
