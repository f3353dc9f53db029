package vn.phoihop.program.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.phoihop.platform.web.CalendarWindow;

/**
 * Calendar buckets for pre-aggregated counters. Each figure is added to four buckets (all time, its
 * year, month and day), so any date range reads as a handful of whole years, months and days: at most
 * a few dozen {@code _id} lookups, however many activities lie behind them.
 */
public final class Periods {

    public static final String ALL = "all";

    private Periods() {
    }

    /** The buckets a figure dated {@code day} is added to. */
    public static List<String> of(LocalDate day) {
        return List.of(ALL, year(day), month(day), day.toString());
    }

    /**
     * The fewest buckets that exactly cover {@code from}..{@code to}, both inclusive: at most a few hundred, as both
     * must lie in the calendar window (a bucket per year of an unbounded range ran the service out of memory).
     */
    public static List<String> covering(LocalDate from, LocalDate to) {
        if (!CalendarWindow.contains(from) || !CalendarWindow.contains(to)) {
            throw new IllegalArgumentException("Buckets are read within " + CalendarWindow.FIRST + ".." + CalendarWindow.LAST
                    + " only, not " + from + ".." + to);
        }
        var buckets = new ArrayList<String>();
        LocalDate cursor = from;
        while (!cursor.isAfter(to)) {
            if (cursor.getDayOfYear() == 1 && !cursor.plusYears(1).minusDays(1).isAfter(to)) {
                buckets.add(year(cursor));
                cursor = cursor.plusYears(1);
            } else if (cursor.getDayOfMonth() == 1 && !cursor.plusMonths(1).minusDays(1).isAfter(to)) {
                buckets.add(month(cursor));
                cursor = cursor.plusMonths(1);
            } else {
                buckets.add(cursor.toString());
                cursor = cursor.plusDays(1);
            }
        }
        return buckets;
    }

    /** How many months (or years) {@code from}..{@code to} touches, counted before any is made. */
    public static long steps(LocalDate from, LocalDate to, boolean byYear) {
        return byYear ? to.getYear() - from.getYear() + 1L
                : (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue() + 1;
    }

    /** Each month (or year) of {@code from}..{@code to} as [first, last] day, the first and last cut to the range. */
    public static List<List<LocalDate>> stepsOf(LocalDate from, LocalDate to, boolean byYear) {
        var steps = new ArrayList<List<LocalDate>>();
        LocalDate cursor = from;
        while (!cursor.isAfter(to)) {
            LocalDate next = byYear ? cursor.withDayOfYear(1).plusYears(1) : cursor.withDayOfMonth(1).plusMonths(1);
            steps.add(List.of(cursor, CalendarWindow.min(next.minusDays(1), to)));
            cursor = next;
        }
        return steps;
    }

    private static String year(LocalDate day) {
        return String.valueOf(day.getYear());
    }

    private static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }
}
