package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.scope.Scope;

/**
 * The co-signing rule in memory, in every order of events: whatever one agency does, the figures count only once
 * every side (the logging unit's agency and each co-unit's) has confirmed the current revision.
 */
class CoSigningTest {

    private static final Instant NOW = Instant.parse("2026-08-19T02:30:00Z");

    // province > commune > {police, front > women}
    private static final Scope.Tree TREE = new Scope.Tree() {
        private final Map<String, List<String>> paths = Map.of(
                "province", List.of("province"), "commune", List.of("province", "commune"),
                "police", List.of("province", "commune", "police"), "front", List.of("province", "commune", "front"),
                "women", List.of("province", "commune", "front", "women"));

        @Override
        public List<String> pathToday(String unitId) {
            return paths.getOrDefault(unitId, List.of());
        }

        @Override
        public Set<String> subtreeToday(String unitId) {
            throw new UnsupportedOperationException();
        }
    };

    private static final Actor POLICE = actor("police-officer", Agency.POLICE, "police");
    private static final Actor OTHER_POLICE = actor("police-chief", Agency.POLICE, "commune");
    private static final Actor FRONT = actor("front-officer", Agency.FRONT, "front");
    private static final Actor PROVINCIAL_FRONT = actor("front-province", Agency.FRONT, "province");

    @Test
    void theIssuesSequenceCountsNothingUntilThePoliceConfirmTheFrontsFigure() {
        Activity corrected = CoSigning.corrected(joint(), Map.of("sessions", BigDecimal.valueOf(100)), PROVINCIAL_FRONT, NOW);
        assertThat(corrected.counts()).isFalse();
        assertThat(corrected.loggingUnit().confirmed()).as("the police's word covered 1, not 100").isFalse();

        Activity frontConfirmed = CoSigning.confirmed(corrected, PROVINCIAL_FRONT, 2, NOW);
        assertThat(frontConfirmed.counts()).isFalse();
        assertThat(frontConfirmed.status()).isEqualTo(ActivityStatus.AWAITING_CONFIRMATION);

        Activity policeConfirmed = CoSigning.confirmed(frontConfirmed, POLICE, 2, NOW);
        assertThat(policeConfirmed.counts()).isTrue();
        assertThat(policeConfirmed.status()).isEqualTo(ActivityStatus.CONFIRMED);
        assertThat(policeConfirmed.loggingUnit().confirmedBy()).isEqualTo("police-officer");
    }

    @Test
    void aCorrectionByTheLoggingAgencyKeepsItsOwnWordAndReopensEveryCoUnit() {
        Activity confirmed = CoSigning.confirmed(joint(), FRONT, null, NOW);
        assertThat(confirmed.counts()).isTrue();

        for (BigDecimal sessions : List.of(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.valueOf(2))) { // lower, the same, higher: every one needs the Front again
            Activity corrected = CoSigning.corrected(confirmed, Map.of("sessions", sessions), OTHER_POLICE, NOW);
            assertThat(corrected.counts()).as("sessions " + sessions).isFalse();
            assertThat(corrected.loggingUnit().confirmedBy()).isEqualTo("police-chief");
            assertThat(corrected.coUnits()).noneMatch(Activity.CoUnit::confirmed);
        }
    }

    @Test
    void anotherAgencysCorrectionOfAnActivityWithoutCoUnitsWaitsForTheLoggingAgency() {
        Activity solo = activity(List.of());
        assertThat(solo.counts()).isTrue();
        Activity corrected = CoSigning.corrected(solo, Map.of("sessions", BigDecimal.valueOf(50)), PROVINCIAL_FRONT, NOW);
        assertThat(corrected.status()).isEqualTo(ActivityStatus.AWAITING_CONFIRMATION);
        assertForbidden(() -> CoSigning.confirmed(corrected, PROVINCIAL_FRONT, null, NOW));

        Activity reconfirmed = CoSigning.confirmed(corrected, POLICE, null, NOW);
        assertThat(reconfirmed.status()).isEqualTo(ActivityStatus.SUBMITTED);
        assertThat(CoSigning.corrected(reconfirmed, Map.of("sessions", BigDecimal.valueOf(3)), OTHER_POLICE, NOW).status())
                .as("its own agency's correction counts at once, as when it was logged").isEqualTo(ActivityStatus.SUBMITTED);
    }

    @Test
    void aPrincipalWithoutAnAgencyCorrectsButSpeaksForNoSide() {
        Activity corrected = CoSigning.corrected(activity(List.of()), Map.of("sessions", BigDecimal.valueOf(5)),
                new Actor("service-account", null, Scope.national()), NOW);
        assertThat(corrected.counts()).isFalse();
    }

    @Test
    void onePrincipalSpeaksForOneSideOfARevision() {
        assertForbidden(() -> CoSigning.confirmed(sameAgencyJoint(), FRONT, null, NOW)); // it logged it

        Activity corrected = CoSigning.corrected(sameAgencyJoint(), Map.of("sessions", BigDecimal.valueOf(4)), PROVINCIAL_FRONT, NOW);
        assertForbidden(() -> CoSigning.confirmed(corrected, PROVINCIAL_FRONT, null, NOW)); // it corrected it
        assertThat(CoSigning.confirmed(corrected, FRONT, null, NOW).counts())
                .as("whoever logged revision 1 may confirm someone else's revision 2").isTrue();
    }

    @Test
    void aStaleRevisionIsNeitherConfirmedNorRejected() {
        Activity corrected = CoSigning.corrected(joint(), Map.of("sessions", BigDecimal.valueOf(7)), POLICE, NOW);
        assertConflict(() -> CoSigning.confirmed(corrected, FRONT, 1, NOW));
        assertConflict(() -> CoSigning.rejected(corrected, FRONT, "không", 1, NOW));
        assertThat(CoSigning.confirmed(corrected, FRONT, 2, NOW).counts()).isTrue();
    }

    @Test
    void aWaitingSideOfEitherAgencyMayRejectAndARejectionIsFinal() {
        Activity corrected = CoSigning.corrected(joint(), Map.of("sessions", BigDecimal.valueOf(100)), PROVINCIAL_FRONT, NOW);
        Activity rejected = CoSigning.rejected(corrected, POLICE, "không đúng", null, NOW);
        assertThat(rejected.status()).isEqualTo(ActivityStatus.REJECTED);
        assertThat(rejected.rejection().agency()).isEqualTo(Agency.POLICE);
        assertConflict(() -> CoSigning.confirmed(rejected, FRONT, null, NOW));
    }

    @Test
    void nothingIsLeftToConfirmOnceEverySideHas() {
        Activity confirmed = CoSigning.confirmed(joint(), FRONT, null, NOW);
        assertConflict(() -> CoSigning.confirmed(confirmed, PROVINCIAL_FRONT, null, NOW));
        assertConflict(() -> CoSigning.confirmed(activity(List.of()), POLICE, null, NOW));
        assertForbidden(() -> CoSigning.confirmed(joint(), OTHER_POLICE, null, NOW)); // the police's side is not waiting
    }

    /** Logged by the police officer for the police unit, with the Front committee as co-unit, {@code sessions: 1}. */
    private static Activity joint() {
        return activity(List.of(new Activity.CoUnit("front", Agency.FRONT, null, null)));
    }

    /** Logged by the Front officer for its committee, with the women's union under it as co-unit. */
    private static Activity sameAgencyJoint() {
        return new Activity("act-2", "prg", "front", List.of("province", "commune"), List.of("women"),
                List.of(new Activity.CoUnit("women", Agency.FRONT, null, null)),
                new Activity.CoUnit("front", Agency.FRONT, "front-officer", NOW), ActivityType.MEETING,
                LocalDate.of(2026, 8, 18), "Họp", null, Map.of("sessions", BigDecimal.valueOf(1)), ActivityStatus.AWAITING_CONFIRMATION,
                1, 1, null, NOW, "front-officer", NOW);
    }

    private static Activity activity(List<Activity.CoUnit> coUnits) {
        return new Activity("act-1", "prg", "police", List.of("province", "commune"),
                coUnits.stream().map(Activity.CoUnit::unitId).toList(), coUnits,
                new Activity.CoUnit("police", Agency.POLICE, "police-officer", NOW), ActivityType.PROPAGANDA_SESSION,
                LocalDate.of(2026, 8, 18), "Tuyên truyền", null, Map.of("sessions", BigDecimal.valueOf(1)),
                coUnits.isEmpty() ? ActivityStatus.SUBMITTED : ActivityStatus.AWAITING_CONFIRMATION, 1, 1, null, NOW,
                "police-officer", NOW);
    }

    private static Actor actor(String subject, Agency agency, String unitId) {
        return new Actor(subject, agency, Scope.of(unitId, TREE));
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    private static void assertConflict(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }
}
