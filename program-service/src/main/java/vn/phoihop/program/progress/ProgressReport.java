package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import vn.phoihop.events.activity.Figures;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.CalendarWindow;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Indicator;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;
import vn.phoihop.program.progress.latest.LatestFigures;
import vn.phoihop.program.progress.mongo.ProgressCounters;
import vn.phoihop.program.progress.mongo.ProgressGenerations;
import vn.phoihop.program.unitview.UnitTreeView;

/**
 * Answers progress from the pre-aggregated counters only: never a scan of activities. A unit's figures add its own
 * counters to those of the units merged into its subtree, each activity once ({@link UnitTreeView#rollUp}); LATEST
 * indicators come from the latest-value model ({@link LatestFigures}). Every figure is an exact decimal: sums are
 * exact, and a ratio is rounded once, to {@value #RATIO_DECIMALS} decimals, half up.
 */
@Service
public class ProgressReport {

    /** Decimals of a ratio (a RATIO indicator, the share of a target achieved): 0.333333 for a third. */
    public static final int RATIO_DECIMALS = 6;

    private final ProgramCatalog programs;
    private final ProgressCounters counters;
    private final ProgressGenerations generations;
    private final UnitTreeView units;
    private final LatestFigures latest;

    public ProgressReport(ProgramCatalog programs, ProgressCounters counters, ProgressGenerations generations,
            UnitTreeView units, LatestFigures latest) {
        this.programs = programs;
        this.counters = counters;
        this.generations = generations;
        this.units = units;
        this.latest = latest;
    }

    /**
     * {@code unitId} null: the whole program; {@code from}/{@code to} null: the program's own period ends. Only the
     * part of the range inside the program's period (and the calendar window) is read: no activity lies outside it,
     * and the buckets read grow with the range.
     */
    public Progress of(String programId, String unitId, LocalDate from, LocalDate to) {
        Program program = programs.find(programId).orElseThrow(() -> ApiException.notFound("Program", programId));
        LocalDate start = from != null ? from : program.startsOn();
        LocalDate end = to != null ? to : program.endsOn();
        if (end.isBefore(start)) {
            throw ApiException.invalid(new FieldError("to", "is before from"));
        }
        LocalDate first = CalendarWindow.max(start, CalendarWindow.max(program.startsOn(), CalendarWindow.FIRST));
        LocalDate last = CalendarWindow.min(end, CalendarWindow.min(program.endsOn(), CalendarWindow.LAST));
        boolean whole = !start.isAfter(program.startsOn()) && !end.isBefore(program.endsOn());
        List<String> buckets = whole ? List.of(Periods.ALL)
                : last.isBefore(first) ? List.of() : Periods.covering(first, last);
        List<String> rolledUp = unitId != null ? units.rollUp(unitId) : List.of(CounterIds.PROGRAM_WIDE);

        var ids = new ArrayList<String>();
        program.indicators().forEach(i -> ids.addAll(counterIds(programId, i, rolledUp, buckets)));
        int generation = generations.load().current();
        var values = counters.values(generation, ids);

        var sums = new java.util.HashMap<String, BigDecimal>();
        for (Indicator i : program.indicators()) {
            sums.put(i.code(), counterIds(programId, i, rolledUp, buckets).stream()
                    .map(id -> values.getOrDefault(id, BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        // LATEST indicators have no counters: their figures come from the latest-value model
        sums.putAll(latest.of(program, unitId, whole ? null : first, whole ? null : last, generation));
        // a target is set for a unit; the whole program's is its scope unit's
        String targetUnit = unitId != null ? unitId : program.scopeUnitId();
        var rows = program.indicators().stream().map(i -> {
            BigDecimal actual = i.aggregation() == Aggregation.RATIO
                    ? ratio(sums.get(i.numeratorCode()), sums.get(i.denominatorCode())) : shortest(sums.get(i.code()));
            BigDecimal target = targetUnit == null ? null : shortest(program.targetFor(i, targetUnit, start, end));
            return new Progress.IndicatorProgress(i.code(), i.name(), actual, target, ratio(actual, target));
        }).toList();
        return new Progress(programId, unitId, start, end, rows);
    }

    private static List<String> counterIds(String programId, Indicator indicator, List<String> units, List<String> buckets) {
        if (indicator.aggregation() != Aggregation.SUM) {
            return List.of(); // a RATIO is computed from its parts, a LATEST read from its own model
        }
        return units.stream().flatMap(u -> buckets.stream().map(b -> CounterIds.of(programId, indicator.code(), u, b))).toList();
    }

    /** {@code numerator / denominator} to {@value #RATIO_DECIMALS} decimals, half up; null without a denominator. */
    static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return shortest(numerator.divide(denominator, RATIO_DECIMALS, RoundingMode.HALF_UP));
    }

    /** One way to write a figure: 1.0 (ten times 0.1) is 1. */
    private static BigDecimal shortest(BigDecimal figure) {
        return figure == null ? null : Figures.canonical(figure);
    }
}
