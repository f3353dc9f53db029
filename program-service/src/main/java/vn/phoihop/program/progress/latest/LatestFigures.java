package vn.phoihop.program.progress.latest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Indicator;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.progress.latest.mongo.LatestReports;
import vn.phoihop.program.unitview.UnitPlace;
import vn.phoihop.program.unitview.UnitTreeView;

/**
 * The figures of a program's LATEST indicators, read from the latest-value model: the units of the subtree only
 * (the whole program: the units that ever reported), one {@code $in} query for their reports — never a scan of
 * activities.
 */
@Service
public class LatestFigures {

    private final LatestReports store;
    private final UnitTreeView units;

    LatestFigures(LatestReports store, UnitTreeView units) {
        this.store = store;
        this.units = units;
    }

    /**
     * Each LATEST indicator's figure, by code, for {@code unitId}'s subtree (null: the whole program) over
     * {@code from}..{@code to} (inclusive; null: unbounded), in {@code generation} of the read model.
     */
    public Map<String, BigDecimal> of(Program program, String unitId, LocalDate from, LocalDate to, int generation) {
        var values = new HashMap<String, BigDecimal>();
        dated(program, unitId, from, to, generation).forEach((code, figure) -> values.put(code, figure.value()));
        return values;
    }

    /** As {@link #of}, each figure with the date of the latest report added into it. */
    public Map<String, Dated> dated(Program program, String unitId, LocalDate from, LocalDate to, int generation) {
        var codes = program.indicators().stream().filter(i -> i.aggregation() == Aggregation.LATEST)
                .map(Indicator::code).toList();
        var figures = new HashMap<String, Dated>();
        if (codes.isEmpty()) {
            return figures;
        }
        var perIndicator = new HashMap<String, List<UnitPlace>>();
        if (unitId != null) {
            var lineage = units.lineage(unitId);
            codes.forEach(code -> perIndicator.put(code, lineage));
        } else {
            store.reportingUnits(generation, program.id(), codes)
                    .forEach((code, reporting) -> perIndicator.put(code, units.places(reporting)));
        }
        var unitIds = new LinkedHashSet<String>();
        perIndicator.values().forEach(places -> places.forEach(p -> unitIds.add(p.unitId())));
        var reports = unitIds.isEmpty() ? Map.<String, Map<String, List<Report>>>of()
                : store.reports(generation, program.id(), codes, unitIds);
        for (String code : codes) {
            figures.put(code, LatestTotal.dated(perIndicator.getOrDefault(code, List.of()),
                    reports.getOrDefault(code, Map.of()), from, to));
        }
        return figures;
    }
}
