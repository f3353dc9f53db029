package vn.phoihop.program.progress;

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

/** Answers progress from the pre-aggregated counters only: never a scan of activities. */
@Service
public class ProgressReport {

    private final ProgramCatalog programs;
    private final ProgressCounters counters;

    public ProgressReport(ProgramCatalog programs, ProgressCounters counters) {
        this.programs = programs;
        this.counters = counters;
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
        String unit = unitId != null ? unitId : ProgressProjector.PROGRAM_WIDE;

        var ids = new ArrayList<String>();
        program.indicators().forEach(i -> buckets.forEach(b -> ids.add(ProgressCounters.id(programId, i.code(), unit, b))));
        var values = counters.values(ids);

        var sums = new java.util.HashMap<String, Double>();
        for (Indicator i : program.indicators()) {
            sums.put(i.code(), buckets.stream().mapToDouble(b ->
                    values.getOrDefault(ProgressCounters.id(programId, i.code(), unit, b), 0.0)).sum());
        }
        var rows = program.indicators().stream().map(i -> new Progress.IndicatorProgress(i.code(), i.name(),
                i.aggregation() == Aggregation.RATIO ? ratio(sums.get(i.numeratorCode()), sums.get(i.denominatorCode()))
                        : sums.get(i.code()),
                null, null)).toList();
        return new Progress(programId, unitId, start, end, rows);
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }
}
