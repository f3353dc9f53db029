package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;


import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;

class ContributionTest {

    static final LocalDate DAY = LocalDate.of(2019, 8, 19);

    @Test
    void aFirstCountedSubmissionAddsEachMetricToTheUnitTheAncestorsAndTheProgramInFourBuckets() {
        var delta = Contribution.of(state(1, Map.of("sessions", 2.0), true)).deltaFrom(null);

        assertThat(delta).hasSize(3 * 4).containsEntry("p|sessions|u-ninh-kieu|2019-08-19", new BigDecimal("2.0"))
                .containsEntry("p|sessions|u-can-tho|2019", new BigDecimal("2.0"))
                .containsEntry("p|sessions|*|all", new BigDecimal("2.0"));
    }

    @Test
    void whatChangesIsTheDifferenceBetweenWhatCountsNowAndWhatCountedBefore() {
        var awaiting = Contribution.of(state(1, Map.of("sessions", 2.0), false));
        var confirmed = Contribution.of(state(2, Map.of("sessions", 2.0), true));
        var corrected = Contribution.of(state(3, Map.of("sessions", 1.5, "attendees", 40.0), true));
        var rejected = Contribution.of(state(4, Map.of("sessions", 1.5, "attendees", 40.0), false));

        assertThat(awaiting.deltaFrom(null)).isEmpty();
        assertThat(confirmed.deltaFrom(awaiting)).containsEntry("p|sessions|*|all", new BigDecimal("2.0"));
        assertThat(corrected.deltaFrom(confirmed)).hasSize(24)
                .containsEntry("p|sessions|u-can-tho|2019-08", new BigDecimal("-0.5"))
                .containsEntry("p|attendees|*|2019", new BigDecimal("40.0"));
        assertThat(rejected.deltaFrom(corrected)).containsEntry("p|attendees|u-ninh-kieu|all", new BigDecimal("-40.0"));
        assertThat(Contribution.of(state(5, Map.of("sessions", 2.0), true)).deltaFrom(
                Contribution.of(state(4, Map.of("sessions", 2.0), true)))).as("same figures, nothing moves").isEmpty();
    }

    @Test
    void onlyALaterVersionSupersedesTheStoredContribution() {
        var second = Contribution.of(state(2, Map.of(), true));
        assertThat(second.supersedes(null)).isTrue();
        assertThat(second.supersedes(Contribution.of(state(1, Map.of(), true)))).isTrue();
        assertThat(second.supersedes(second)).isFalse();
        assertThat(second.supersedes(Contribution.of(state(3, Map.of(), true)))).isFalse();
    }

    @Test
    void decimalsMakeTheCountersIndependentOfTheOrderOfArrival() {
        var tenth = Contribution.of(state(1, Map.of("sessions", 0.1), true)).deltaFrom(null).get("p|sessions|*|all");
        var fifth = Contribution.of(state(1, Map.of("sessions", 0.2), true)).deltaFrom(null).get("p|sessions|*|all");
        assertThat(tenth.add(fifth)).isEqualByComparingTo("0.3");
        assertThat(0.1 + 0.2).as("what doubles would give").isNotEqualTo(0.3);
    }

    private static ActivityState state(int version, Map<String, ? extends Number> metrics, boolean counts) {
        return new ActivityState("a-1", 1, "p", "u-ninh-kieu", List.of("u-can-tho"), List.of(), "PROPAGANDA_SESSION", DAY,
                TestFigures.of(metrics), counts ? "SUBMITTED" : "AWAITING_CONFIRMATION", counts, version, null);
    }
}
