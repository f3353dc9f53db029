package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    /** Counter ids per query: a batch of many units or steps reads in several. */
    private static final int LOOKUP = 2000;

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
        return of(program(programId), List.of(new Ask(unitId, from, to))).get(0);
    }

    /**
     * The progress of each child unit of {@code unitId} (null: the program's scope unit) over the period, as the single
     * answer gives each, from one read of the counters. The children are today's, as the unit view knows them.
     */
    public ProgressBatch.Children children(String programId, String unitId, LocalDate from, LocalDate to) {
        Program program = program(programId);
        String parent = unitId != null ? unitId : program.scopeUnitId();
        if (parent == null) {
            throw ApiException.invalid(new FieldError("unitId", "is required for a program without a scope unit"));
        }
        var children = units.children(parent);
        if (children.size() > ProgressBatch.MAX_CHILDREN) {
            throw ApiException.invalid(new FieldError("unitId", "has " + children.size() + " child units, more than "
                    + ProgressBatch.MAX_CHILDREN + " in one answer"));
        }
        var answers = of(program, children.stream().map(c -> new Ask(c.unitId(), from, to)).toList());
        var rows = new ArrayList<ProgressBatch.Child>();
        for (int i = 0; i < children.size(); i++) {
            rows.add(new ProgressBatch.Child(children.get(i).unitId(), children.get(i).name(), answers.get(i).indicators()));
        }
        Range range = range(program, from, to);
        return new ProgressBatch.Children(programId, parent, range.start(), range.end(), rows);
    }

    /** The progress of {@code unitId} (null: the whole program) over each month or year of the period, at most {@value ProgressBatch#MAX_POINTS}. */
    public ProgressBatch.Series series(String programId, String unitId, LocalDate from, LocalDate to, ProgressBatch.Step step) {
        Program program = program(programId);
        Range range = range(program, from, to);
        long count = Periods.steps(range.start(), range.end(), step == ProgressBatch.Step.YEAR);
        if (count > ProgressBatch.MAX_POINTS) {
            throw ApiException.invalid(new FieldError("step", "gives " + count + " points from " + range.start() + " to "
                    + range.end() + ", more than " + ProgressBatch.MAX_POINTS));
        }
        var steps = Periods.stepsOf(range.start(), range.end(), step == ProgressBatch.Step.YEAR);
        var answers = of(program, steps.stream().map(s -> new Ask(unitId, s.get(0), s.get(1))).toList());
        var points = answers.stream().map(p -> new ProgressBatch.Point(p.from(), p.to(), p.indicators())).toList();
        return new ProgressBatch.Series(programId, unitId, range.start(), range.end(), step, points);
    }

    private Program program(String programId) {
        return programs.find(programId).orElseThrow(() -> ApiException.notFound("Program", programId));
    }

    private record Range(LocalDate start, LocalDate end) {
    }

    private static Range range(Program program, LocalDate from, LocalDate to) {
        LocalDate start = from != null ? from : program.startsOn();
        LocalDate end = to != null ? to : program.endsOn();
        if (end.isBefore(start)) {
            throw ApiException.invalid(new FieldError("to", "is before from"));
        }
        return new Range(start, end);
    }

    /** One answer of a batch: {@code unitId}'s subtree (null: the whole program) over {@code from}..{@code to}. */
    private record Ask(String unitId, LocalDate from, LocalDate to) {
    }

    /** What one answer reads: the counters of its units' buckets. */
    private record Plan(Ask ask, LocalDate start, LocalDate end, LocalDate first, LocalDate last, boolean whole,
            List<String> buckets, List<String> rolledUp) {
    }

    /** Every answer from one generation and one lookup of the counters they need. */
    private List<Progress> of(Program program, List<Ask> asks) {
        String programId = program.id();
        var plans = new ArrayList<Plan>();
        var rolledUps = new HashMap<String, List<String>>();
        for (Ask ask : asks) {
            Range range = range(program, ask.from(), ask.to());
            LocalDate start = range.start();
            LocalDate end = range.end();
            LocalDate first = CalendarWindow.max(start, CalendarWindow.max(program.startsOn(), CalendarWindow.FIRST));
            LocalDate last = CalendarWindow.min(end, CalendarWindow.min(program.endsOn(), CalendarWindow.LAST));
            boolean whole = !start.isAfter(program.startsOn()) && !end.isBefore(program.endsOn());
            List<String> buckets = whole ? List.of(Periods.ALL)
                    : last.isBefore(first) ? List.of() : Periods.covering(first, last);
            List<String> rolledUp = ask.unitId() == null ? List.of(CounterIds.PROGRAM_WIDE)
                    : rolledUps.computeIfAbsent(ask.unitId(), units::rollUp);
            plans.add(new Plan(ask, start, end, first, last, whole, buckets, rolledUp));
        }
        var ids = new LinkedHashSet<String>();
        for (Plan plan : plans) {
            program.indicators().forEach(i -> ids.addAll(counterIds(programId, i, plan.rolledUp(), plan.buckets())));
        }
        int generation = generations.load().current();
        var values = new HashMap<String, BigDecimal>();
        var all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += LOOKUP) {
            values.putAll(counters.values(generation, all.subList(i, Math.min(all.size(), i + LOOKUP))));
        }
        var answers = new ArrayList<Progress>();
        for (Plan plan : plans) {
            answers.add(answer(program, plan, values, generation));
        }
        return answers;
    }

    private Progress answer(Program program, Plan plan, Map<String, BigDecimal> values, int generation) {
        String unitId = plan.ask().unitId();
        var sums = new HashMap<String, BigDecimal>();
        for (Indicator i : program.indicators()) {
            sums.put(i.code(), counterIds(program.id(), i, plan.rolledUp(), plan.buckets()).stream()
                    .map(id -> values.getOrDefault(id, BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        // LATEST indicators have no counters: their figures come from the latest-value model
        var dated = latest.dated(program, unitId, plan.whole() ? null : plan.first(), plan.whole() ? null : plan.last(), generation);
        dated.forEach((code, figure) -> sums.put(code, figure.value()));
        // a target is set for a unit; the whole program's is its scope unit's
        String targetUnit = unitId != null ? unitId : program.scopeUnitId();
        var rows = program.indicators().stream().map(i -> {
            boolean isRatio = i.aggregation() == Aggregation.RATIO;
            BigDecimal numerator = isRatio ? shortest(sums.get(i.numeratorCode())) : null;
            BigDecimal denominator = isRatio ? shortest(sums.get(i.denominatorCode())) : null;
            BigDecimal actual = isRatio ? ratio(numerator, denominator) : shortest(sums.get(i.code()));
            BigDecimal target = targetUnit == null ? null : shortest(program.targetFor(i, targetUnit, plan.start(), plan.end()));
            LocalDate valueDate = dated.containsKey(i.code()) ? dated.get(i.code()).on() : null;
            return new Progress.IndicatorProgress(i.code(), i.name(), actual, target, ratio(actual, target),
                    numerator, denominator, valueDate);
        }).toList();
        return new Progress(program.id(), unitId, plan.start(), plan.end(), rows);
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
