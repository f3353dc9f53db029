package vn.phoihop.program.progress.latest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One counting activity's figure for a LATEST indicator: the value it reports for its unit as at {@code on}.
 * {@code at} is when its current version was logged (null: not known), {@code version} that version.
 */
public record Report(String activityId, LocalDate on, BigDecimal value, Instant at, int version) {

    /**
     * Which of two reports of a unit is the later: by date, then the later-logged, then by activity id — an order
     * that does not depend on when the events arrived, so a replay picks the same report.
     */
    public static final Comparator<Report> ORDER = Comparator.comparing(Report::on)
            .thenComparing(Report::at, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Report::activityId);

    boolean within(LocalDate from, LocalDate to) {
        return (from == null || !on.isBefore(from)) && (to == null || !on.isAfter(to));
    }
}
