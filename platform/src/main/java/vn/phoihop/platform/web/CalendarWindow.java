package vn.phoihop.platform.web;

import java.time.LocalDate;

/**
 * The calendar every date a caller sends must lie in, 1900-01-01..2199-12-31: wide enough for any program, unit or
 * member record, narrow enough that work proportional to a range (progress buckets, day-by-day walks) stays bounded.
 * A year of more than four digits, or a negative one, lies outside it. Request records and parameters say so with
 * {@link CalendarDate}; code that parses dates itself (CSV files) asks {@link #contains}.
 */
public final class CalendarWindow {

    public static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2199, 12, 31);
    public static final String MESSAGE = "must be a date from 1900-01-01 to 2199-12-31";

    private CalendarWindow() {
    }

    /** Whether the date lies in the window; {@code null} (not given) does. */
    public static boolean contains(LocalDate date) {
        return date == null || !date.isBefore(FIRST) && !date.isAfter(LAST);
    }

    /** The later of the two dates. */
    public static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The earlier of the two dates. */
    public static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
