package vn.phoihop.program.progress.latest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.program.unitview.UnitPlace;

class LatestTotalTest {

    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final Instant NOON = Instant.parse("2026-08-19T05:00:00Z");

    @Test
    void eachUnitsLatestReportInThePeriodIsAddedUp() {
        var reports = Map.of(
                "c1", List.of(report("a", "2024-01-15", 5), report("b", "2024-06-15", 7)),
                "c2", List.of(report("c", "2024-02-15", 3)));
        var units = List.of(unit("c1"), unit("c2"), unit("c3"));

        assertThat(total(units, reports, null, null)).isEqualTo(10);
        assertThat(total(units, reports, LocalDate.parse("2024-01-01"), LocalDate.parse("2024-06-14"))).isEqualTo(8);
        assertThat(total(units, reports, LocalDate.parse("2024-06-15"), LocalDate.parse("2024-06-15"))).isEqualTo(7);
        assertThat(total(units, reports, LocalDate.parse("2023-01-01"), LocalDate.parse("2023-12-31"))).isZero();
    }

    @Test
    void aTieOnTheDateGoesToTheLaterLoggedThenToTheActivityId() {
        var early = new Report("z", LocalDate.parse("2024-05-01"), BigDecimal.valueOf(6), NOON, 1);
        var late = new Report("a", LocalDate.parse("2024-05-01"), BigDecimal.valueOf(4), NOON.plusSeconds(1), 1);
        var unknownTime = new Report("y", LocalDate.parse("2024-05-01"), BigDecimal.valueOf(9), null, 1);
        assertThat(LatestTotal.latest(List.of(late, early, unknownTime), null, null)).contains(late);
        assertThat(LatestTotal.latest(List.of(early, unknownTime), null, null)).contains(early);

        var sameTime = new Report("b", LocalDate.parse("2024-05-01"), BigDecimal.valueOf(2), NOON.plusSeconds(1), 1);
        assertThat(LatestTotal.latest(List.of(sameTime, late), null, null)).contains(sameTime);
        assertThat(LatestTotal.latest(List.of(late, sameTime), null, null)).contains(sameTime);
    }

    @Test
    void aMergedUnitCountsUntilAUnitItWentIntoReportsOnOrAfterTheMerge() {
        var merged = List.of(new UnitPlace("c1", null, "d", REFORM, List.of("n"), List.of(), List.of("d")), unit("n"));
        var before = Map.of("c1", List.of(report("a", "2024-06-01", 5)));
        assertThat(total(merged, before, null, null)).as("the successor has not reported").isEqualTo(5);

        var earlier = Map.of("c1", List.of(report("a", "2024-06-01", 5)), "n", List.of(report("b", "2025-06-30", 2)));
        assertThat(total(merged, earlier, null, null)).as("a report of the successor before the merge").isEqualTo(7);

        var after = Map.of("c1", List.of(report("a", "2024-06-01", 5)), "n", List.of(report("b", "2025-07-01", 10)));
        assertThat(total(merged, after, null, null)).isEqualTo(10);
        assertThat(total(merged, after, null, LocalDate.parse("2025-06-30"))).as("a period before the merge").isEqualTo(5);
        assertThat(total(List.of(merged.get(0)), after, null, null)).as("the successor not among the units read")
                .isEqualTo(5);
    }

    @Test
    void aChainOfMergesLeavesTheFirstOutOnceTheLastReports() {
        var units = List.of(new UnitPlace("x", null, null, LocalDate.parse("2020-01-01"), List.of("m"), List.of(), null),
                new UnitPlace("m", null, null, REFORM, List.of("n"), List.of("x"), null), unit("n"));
        var reports = Map.of("x", List.of(report("a", "2019-01-01", 1)), "m", List.of(report("b", "2021-01-01", 2)),
                "n", List.of(report("c", "2025-08-01", 4)));
        assertThat(total(units, reports, null, null)).isEqualTo(4);
        assertThat(total(units, reports, null, LocalDate.parse("2024-12-31"))).isEqualTo(2);
        assertThat(total(units, reports, null, LocalDate.parse("2019-12-31"))).isEqualTo(1);
    }

    private static double total(List<UnitPlace> units, Map<String, List<Report>> reports, LocalDate from, LocalDate to) {
        return LatestTotal.of(units, reports, from, to).doubleValue();
    }

    private static UnitPlace unit(String id) {
        return new UnitPlace(id, null, null, null, null, null, null);
    }

    private static Report report(String activityId, String on, double value) {
        return new Report(activityId, LocalDate.parse(on), BigDecimal.valueOf(value), NOON, 1);
    }
}
