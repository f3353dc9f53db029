package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;


import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.progress.ActivityEvents.ActivityEvent;
import vn.phoihop.program.progress.BatchProjection.Outcome;
import vn.phoihop.program.progress.BatchProjection.Placed;

/** Which notices a batch gives: one per program and unit, whatever the number of events behind it. */
class ProgressNoticesTest {

    static final LocalDate DAY = LocalDate.of(2024, 5, 10);

    @Test
    void aBurstOfOneUnitsActivitiesIsOneNoticeWithTheirDatesAndIndicators() {
        var outcomes = new ArrayList<Outcome>();
        for (int i = 0; i < 10_000; i++) {
            outcomes.add(outcome(state("a-" + i, "u-ninh-kieu", List.of("u-can-tho"), DAY.plusDays(i % 30),
                    Map.of(i % 2 == 0 ? "sessions" : "attendees", 1.0), true, 1), null));
        }
        outcomes.add(outcome(state("b", "u-cai-rang", List.of("u-can-tho"), DAY, Map.of("sessions", 1.0), true, 1), null));

        var notices = ProgressNotices.of(outcomes);

        assertThat(notices.all()).extracting(ProgressNotices.Notice::data).containsExactly(
                new ProgressChanged("p", "u-ninh-kieu", List.of("attendees", "sessions"), DAY, DAY.plusDays(29)),
                new ProgressChanged("p", "u-cai-rang", List.of("sessions"), DAY, DAY));
    }

    @Test
    void onlyAFirstVersionThatDoesNotCountMovesNothing() {
        assertThat(ProgressNotices.mayMoveProgress(state("a", "u", List.of(), DAY, Map.of(), false, 1))).isFalse();
        assertThat(ProgressNotices.mayMoveProgress(state("a", "u", List.of(), DAY, Map.of(), true, 1))).isTrue();
        assertThat(ProgressNotices.mayMoveProgress(state("a", "u", List.of(), DAY, Map.of(), false, 2)))
                .as("a rejection takes back what a confirmation counted").isTrue();
        assertThat(ProgressNotices.of(List.of(outcome(state("a", "u", List.of(), DAY, Map.of("sessions", 1.0), false, 1),
                null))).isEmpty()).isTrue();
    }

    @Test
    void aCorrectionAnnouncesTheFiguresItDroppedAndAnotherPathGoesToTheScope() {
        var before = Contribution.of(state("a", "u-ninh-kieu", List.of("u-can-tho", "q-ninh-kieu"), DAY,
                Map.of("sessions", 1.0, "attendees", 40.0), true, 1));
        var corrected = state("a", "u-ninh-kieu", List.of("u-can-tho", "q-ninh-kieu"), DAY, Map.of("sessions", 1.0),
                true, 2);
        var afterTheMove = state("b", "u-ninh-kieu", List.of("u-can-tho"), DAY.plusDays(1), Map.of("sessions", 1.0),
                true, 1);

        var batch = ProgressNotices.of(List.of(outcome(corrected, before), outcome(afterTheMove, null)));

        var notice = batch.all().iterator().next();
        assertThat(batch.size()).isEqualTo(1);
        assertThat(notice.data().indicatorCodes()).containsExactly("attendees", "sessions");
        assertThat(notice.path).containsExactly("u-can-tho", "u-ninh-kieu");
        assertThat(notice.otherUnits()).containsExactly("q-ninh-kieu");
    }

    @Test
    void collectedBatchesMergeIntoTheWidestDatesAndEveryIndicator() {
        var collected = new ProgressNotices();
        collected.addAll(ProgressNotices.of(List.of(outcome(state("a", "u", List.of("u-prov"), DAY, Map.of("sessions", 1.0),
                true, 1), null))));
        collected.addAll(ProgressNotices.of(List.of(outcome(state("b", "u", List.of("u-prov"), DAY.minusYears(3),
                Map.of("attendees", 1.0), true, 1), null))));

        assertThat(collected.all()).extracting(ProgressNotices.Notice::data).containsExactly(
                new ProgressChanged("p", "u", List.of("attendees", "sessions"), DAY.minusYears(3), DAY));
    }

    private static ActivityState state(String id, String unit, List<String> ancestors, LocalDate on,
            Map<String, ? extends Number> metrics, boolean counts, int version) {
        return new ActivityState(id, 1, "p", unit, ancestors, List.of(), "MEETING", on, TestFigures.of(metrics),
                counts ? "SUBMITTED" : "AWAITING_CONFIRMATION", counts, version, null);
    }

    private static Outcome outcome(ActivityState state, Contribution over) {
        return new Outcome(new Placed(new ActivityEvent("e-" + state.activityId(), state), "activities-0", 0, null),
                true, over);
    }
}
