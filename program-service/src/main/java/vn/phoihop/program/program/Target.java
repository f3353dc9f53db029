package vn.phoihop.program.program;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a unit's subtree should reach on one indicator over a period (chỉ tiêu cụ thể). */
public record Target(String indicatorCode, String unitId, LocalDate periodStart, LocalDate periodEnd, BigDecimal value) {

    /** The same indicator, unit and period: setting it again replaces the value. */
    boolean sameSlot(Target other) {
        return indicatorCode.equals(other.indicatorCode) && unitId.equals(other.unitId)
                && periodStart.equals(other.periodStart) && periodEnd.equals(other.periodEnd);
    }
}
