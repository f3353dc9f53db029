package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.progress.ActivityEvents.ActivityEvent;
import vn.phoihop.program.progress.BatchProjection.Placed;

class BatchProjectionTest {

    static final String ALL = "p|sessions|*|all";

    @Test
    void anActivitySeveralTimesInABatchGivesAChangePerEventEachAgainstTheOneBefore() {
        var events = placed(state("a", 1, 2.0, true), state("b", 1, 9.0, true), state("a", 2, 5.0, true),
                state("a", 3, 5.0, false));

        var projection = BatchProjection.of(events, Map.of());

        assertThat(projection.changes).extracting(CounterChange::offset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(projection.changes).extracting(c -> c.amounts().get(ALL))
                .containsExactly(new BigDecimal("2.0"), new BigDecimal("9.0"), new BigDecimal("3.0"), new BigDecimal("-5.0"));
        assertThat(projection.latest.get("a").version()).isEqualTo(3);
        assertThat(projection.latest.get("b").version()).isEqualTo(1);
    }

    @Test
    void eventsNotNewerThanTheStoredOrAnEarlierOneOfTheBatchChangeNothing() {
        var stored = Contribution.of(state("a", 2, 4.0, true));
        var events = placed(state("a", 1, 1.0, true), state("a", 2, 4.0, true), state("b", 3, 7.0, true),
                state("b", 2, 6.0, true));

        var projection = BatchProjection.of(events, Map.of("a", stored));

        assertThat(projection.changes).singleElement().satisfies(c -> {
            assertThat(c.offset()).isEqualTo(2);
            assertThat(c.amounts()).containsEntry(ALL, new BigDecimal("7.0"));
        });
        assertThat(projection.latest).containsOnlyKeys("b");
        assertThat(projection.outcomes).extracting(BatchProjection.Outcome::applied).containsExactly(false, false, true, false);
        assertThat(projection.outcomes.get(3).over().version()).as("ignored against the batch's own newer one").isEqualTo(3);
    }

    @Test
    void anEventThatMovesNoFigureStoresItsVersionWithoutAChange() {
        var projection = BatchProjection.of(placed(state("a", 1, 3.0, false)), Map.of());

        assertThat(projection.changes).isEmpty();
        assertThat(projection.latest.get("a").version()).isEqualTo(1);
    }

    @Test
    void aCorrectedJointActivityLeavesTheCountUntilEverySideConfirmsTheNewFigures() {
        var events = placed(joint("j", 1, 1.0, "AWAITING_CONFIRMATION"), joint("j", 2, 1.0, "CONFIRMED"),
                joint("j", 3, 100.0, "AWAITING_CONFIRMATION"), joint("j", 4, 100.0, "AWAITING_CONFIRMATION"),
                joint("j", 5, 100.0, "CONFIRMED"));

        var projection = BatchProjection.of(events, Map.of());

        assertThat(projection.changes).extracting(CounterChange::offset).containsExactly(1L, 2L, 4L);
        assertThat(projection.changes).extracting(c -> c.amounts().get(ALL))
                .containsExactly(new BigDecimal("1.0"), new BigDecimal("-1.0"), new BigDecimal("100.0"));
    }

    private static ActivityState joint(String id, int version, double sessions, String status) {
        boolean counts = status.equals("CONFIRMED");
        return new ActivityState(id, sessions == 1.0 ? 1 : 2, "p", "u-ninh-kieu", List.of("u-can-tho"),
                List.of("u-mttq-ninh-kieu"), "PROPAGANDA_SESSION", LocalDate.of(2019, 8, 19), Map.of("sessions", BigDecimal.valueOf(sessions)),
                status, counts, version, null);
    }

    private static List<Placed> placed(ActivityState... states) {
        var placed = new ArrayList<Placed>();
        for (int i = 0; i < states.length; i++) {
            placed.add(new Placed(new ActivityEvent("e-" + i, states[i]), "activities-0", i, null));
        }
        return placed;
    }

    private static ActivityState state(String id, int version, double sessions, boolean counts) {
        return new ActivityState(id, 1, "p", "u-ninh-kieu", List.of("u-can-tho"), List.of(), "PROPAGANDA_SESSION",
                LocalDate.of(2019, 8, 19), Map.of("sessions", java.math.BigDecimal.valueOf(sessions)), counts ? "SUBMITTED" : "AWAITING_CONFIRMATION",
                counts, version, null);
    }
}
