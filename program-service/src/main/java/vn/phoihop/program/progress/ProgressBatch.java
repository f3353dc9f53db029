package vn.phoihop.program.progress;

import java.time.LocalDate;
import java.util.List;

/** Several progress answers of one program in one request: the child units of a unit, or the steps of a series. */
public final class ProgressBatch {

    /** At most this many points in a series: ten years by month. */
    public static final int MAX_POINTS = 120;
    /** At most this many child units in one answer. */
    public static final int MAX_CHILDREN = 1000;

    private ProgressBatch() {
    }

    /** The progress of each child unit of {@code unitId} over the period. */
    public record Children(String programId, String unitId, LocalDate from, LocalDate to, List<Child> children) {
    }

    public record Child(String unitId, String name, List<Progress.IndicatorProgress> indicators) {
    }

    /** The progress of {@code unitId} (null: the whole program) over each step of the period. */
    public record Series(String programId, String unitId, LocalDate from, LocalDate to, Step step, List<Point> points) {
    }

    public record Point(LocalDate from, LocalDate to, List<Progress.IndicatorProgress> indicators) {
    }

    public enum Step {
        MONTH, YEAR
    }
}
