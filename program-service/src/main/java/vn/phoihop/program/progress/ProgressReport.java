package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Indicator;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;
import vn.phoihop.program.progress.mongo.ProgressCounters;
import vn.phoihop.program.progress.mongo.ProgressGenerations;

/** Answers progress from the pre-aggregated counters only: never a scan of activities. */
@Service
public class ProgressReport {

    private final ProgramCatalog programs;
    private final ProgressCounters counters;
    private final ProgressGenerations generations;

    public ProgressReport(ProgramCatalog programs, ProgressCounters counters, ProgressGenerations generations) {
        this.programs = programs;
        this.counters = counters;
        this.generations = generations;
    }

    /** {@code unitId} null: the whole program; {@code from}/{@code to} null: the program's own period ends. */
    public Progress of(String programId, String unitId, LocalDate from, LocalDate to) {
        Program program = programs.find(programId).orElseThrow(() -> ApiException.notFound("Program", programId));
        LocalDate start = from != null ? from : program.startsOn();
        LocalDate end = to != null ? to : program.endsOn();
        if (end.isBefore(start)) {
            throw ApiException.invalid(new FieldError("to", "is before from"));
        }
        boolean whole = from == null && to == null;
        List<String> buckets = whole ? List.of(Periods.ALL) : Periods.covering(start, end);
        String unit = unitId != null ? unitId : CounterIds.PROGRAM_WIDE;

        var ids = new ArrayList<String>();
        program.indicators().forEach(i -> buckets.forEach(b -> ids.add(CounterIds.of(programId, i.code(), unit, b))));
        var values = counters.values(generations.load().current(), ids);

        var sums = new java.util.HashMap<String, Double>();
        for (Indicator i : program.indicators()) {
            sums.put(i.code(), buckets.stream().map(b -> values.getOrDefault(CounterIds.of(programId, i.code(), unit, b),
                    BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add).doubleValue());
        }
        // a target is set for a unit; the whole program's is its scope unit's
        String targetUnit = unitId != null ? unitId : program.scopeUnitId();
        var rows = program.indicators().stream().map(i -> {
            Double actual = i.aggregation() == Aggregation.RATIO
                    ? ratio(sums.get(i.numeratorCode()), sums.get(i.denominatorCode())) : sums.get(i.code());
            Double target = targetUnit == null ? null : program.targetFor(i, targetUnit, start, end);
            return new Progress.IndicatorProgress(i.code(), i.name(), actual, target,
                    actual == null || target == null ? null : ratio(actual, target));
        }).toList();
        return new Progress(programId, unitId, start, end, rows);
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
