package vn.phoihop.program.progress.latest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.phoihop.program.unitview.UnitPlace;

/**
 * A LATEST indicator's figure over units: each unit's latest report in the period, added up. A merged unit's report
 * is left out once a unit it was merged into (directly or through later merges) and that is among the units read
 * reported on or after the merge: the successor's report then covers its territory, and adding both would count it
 * twice. Before that, the merged unit's last report is the best figure there is for its territory.
 */
final class LatestTotal {

    private LatestTotal() {
    }

    /**
     * @param units   the units to add up, as the unit view knows them
     * @param reports each unit's reports, by unit id; a unit missing has none
     * @param from    first day, inclusive (null: no bound)
     * @param to      last day, inclusive (null: no bound)
     */
    static BigDecimal of(List<UnitPlace> units, Map<String, List<Report>> reports, LocalDate from, LocalDate to) {
        return dated(units, reports, from, to).value();
    }

    /** The figure and the date of the latest report added into it (null: none). */
    static Dated dated(List<UnitPlace> units, Map<String, List<Report>> reports, LocalDate from, LocalDate to) {
        var latest = new HashMap<String, Report>();
        var places = new HashMap<String, UnitPlace>();
        for (UnitPlace unit : units) {
            places.put(unit.unitId(), unit);
            latest(reports.getOrDefault(unit.unitId(), List.of()), from, to).ifPresent(r -> latest.put(unit.unitId(), r));
        }
        var counted = latest.entrySet().stream().filter(e -> !superseded(places.get(e.getKey()), places, latest))
                .map(Map.Entry::getValue).toList();
        return new Dated(counted.stream().map(Report::value).reduce(BigDecimal.ZERO, BigDecimal::add),
                counted.stream().map(Report::on).max(LocalDate::compareTo).orElse(null));
    }

    /** The unit's latest report in the period. */
    static Optional<Report> latest(List<Report> reports, LocalDate from, LocalDate to) {
        return reports.stream().filter(r -> r.within(from, to)).max(Report.ORDER);
    }

    private static boolean superseded(UnitPlace unit, Map<String, UnitPlace> places, Map<String, Report> latest) {
        if (unit.validTo() == null) {
            return false;
        }
        var seen = new HashSet<String>();
        var todo = new ArrayDeque<>(unit.successorIds());
        while (!todo.isEmpty()) {
            String successor = todo.pop();
            if (!seen.add(successor) || !places.containsKey(successor)) {
                continue;
            }
            Report report = latest.get(successor);
            if (report != null && !report.on().isBefore(unit.validTo())) {
                return true;
            }
            todo.addAll(places.get(successor).successorIds());
        }
        return false;
    }
}
