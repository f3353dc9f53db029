package vn.phoihop.program.progress.latest;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A LATEST indicator's figure and the date of the latest report added into it ({@code on} null: no report). */
public record Dated(BigDecimal value, LocalDate on) {
}
