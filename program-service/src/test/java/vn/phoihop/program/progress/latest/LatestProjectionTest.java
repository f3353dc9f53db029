package vn.phoihop.program.progress.latest;

import static org.assertj.core.api.Assertions.assertThat;


import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.progress.ActivityEvents.ActivityEvent;

class LatestProjectionTest {

    static final LocalDate DAY = LocalDate.of(2024, 5, 1);

    @Test
    void aNewerVersionSetsItsReportAndTheLastOfABatchWins() {
        var projected = LatestProjection.project(List.of(event(1, Map.of("teams", 5.0), true),
                event(2, Map.of("teams", 7.0), true)), Map.of());

        assertThat(projected.changes()).singleElement().satisfies(c -> {
            assertThat(c.indicator()).isEqualTo("teams");
            assertThat(c.report().value()).isEqualByComparingTo("7");
            assertThat(c.report().version()).isEqualTo(2);
        });
        assertThat(projected.reporting().get("a").version()).isEqualTo(2);
    }

    @Test
    void anEventNotNewerThanTheStoredReportingChangesNothing() {
        var stored = Map.of("a", new Reporting("a", 2, "p", "c1", Set.of("teams")));
        var projected = LatestProjection.project(List.of(event(1, Map.of("teams", 5.0), true),
                event(2, Map.of("teams", 9.0), true)), stored);
        assertThat(projected.changes()).isEmpty();
        assertThat(projected.reporting()).isEmpty();
    }

    @Test
    void aRejectionAWithdrawalOrAFigureLeftOutTakesTheReportAway() {
        var stored = Map.of("a", new Reporting("a", 1, "p", "c1", Set.of("teams", "households")));

        var rejected = LatestProjection.project(List.of(event(2, Map.of("teams", 5.0), false)), stored);
        assertThat(rejected.changes()).hasSize(2).allSatisfy(c -> assertThat(c.report()).isNull());
        assertThat(rejected.reporting().get("a").indicators()).isEmpty();

        var leftOut = LatestProjection.project(List.of(event(2, Map.of("households", 3.0), true)), stored);
        assertThat(leftOut.changes()).extracting(ReportChange::indicator, c -> c.report() == null)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("teams", true),
                        org.assertj.core.groups.Tuple.tuple("households", false));
    }

    @Test
    void eventsOfProgramsWithoutLatestIndicatorsAreNotLookedAt() {
        var plain = new ActivityEvent("e", state(1, Map.of(), true));
        var store = new vn.phoihop.program.progress.latest.mongo.LatestReports(null);
        new LatestProjection(store).apply(1, List.of(plain)); // a store without a database would fail if asked
    }

    private static ActivityEvent event(int version, Map<String, ? extends Number> latest, boolean counts) {
        return new ActivityEvent("e" + version, state(version, Map.of(), counts), Instant.EPOCH.plusSeconds(version),
                TestFigures.of(latest));
    }

    private static ActivityState state(int version, Map<String, ? extends Number> metrics, boolean counts) {
        return new ActivityState("a", 1, "p", "c1", List.of("d"), List.of(), "MEETING", DAY, TestFigures.of(metrics),
                counts ? "SUBMITTED" : "REJECTED", counts, version, null);
    }
}
