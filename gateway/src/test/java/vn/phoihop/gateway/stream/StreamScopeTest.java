package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.program.ProgramState;

class StreamScopeTest {

    private static final EventCodec CODEC = new EventCodec("/test", Clock.systemUTC());
    private static final StreamScope COMMUNE_A = StreamScope.of("commune-a", List.of("vn", "province"));
    private static final StreamScope PROVINCE = StreamScope.of("province", List.of("vn"));

    private static CloudEvent activity(List<String> path, List<String> coUnitPaths) {
        String unit = path.get(path.size() - 1);
        return CODEC.create(EventTypes.ACTIVITY_SUBMITTED, "a", "a", "p", path, coUnitPaths,
                new ActivityState("a", 1, "p", unit, path.subList(0, path.size() - 1), List.of(), "PATROL",
                        LocalDate.of(2026, 8, 19), Map.of("patrols", java.math.BigDecimal.ONE), "SUBMITTED", true));
    }

    private static CloudEvent program(List<String> scopePath) {
        return CODEC.create(EventTypes.PROGRAM_ACTIVATED, "p", "p", "p", scopePath, new ProgramState("p", 1, "09", "T",
                "ACTIVE", LocalDate.of(2026, 1, 1), LocalDate.of(2030, 1, 1),
                scopePath.isEmpty() ? null : scopePath.get(scopePath.size() - 1), List.of()));
    }

    @Test
    void aUnitSeesItsOwnAndItsDescendantsEventsOnly() {
        assertThat(COMMUNE_A.allows(activity(List.of("vn", "province", "commune-a"), List.of()))).isTrue();
        assertThat(COMMUNE_A.allows(activity(List.of("vn", "province", "commune-a", "team-1"), List.of()))).isTrue();
        assertThat(COMMUNE_A.allows(activity(List.of("vn", "province", "commune-b"), List.of()))).isFalse();
        assertThat(COMMUNE_A.allows(activity(List.of("vn", "province"), List.of())))
                .as("its parent's own events are not its").isFalse();
        assertThat(PROVINCE.allows(activity(List.of("vn", "province", "commune-b"), List.of()))).isTrue();
    }

    @Test
    void coUnitsSeeTheJointActivity() {
        var joint = activity(List.of("vn", "province", "commune-b"), List.of("vn", "province", "commune-a"));
        assertThat(COMMUNE_A.allows(joint)).isTrue();
        assertThat(StreamScope.of("commune-c", List.of("vn", "province")).allows(joint)).isFalse();
    }

    @Test
    void programsAreSeenFromBelowAndAboveTheirScope() {
        assertThat(COMMUNE_A.allows(program(List.of("vn", "province")))).as("a commune in its province's program").isTrue();
        assertThat(COMMUNE_A.allows(program(List.of()))).as("a national program").isTrue();
        assertThat(PROVINCE.allows(program(List.of("vn", "province", "commune-a")))).as("a commune's program").isTrue();
        assertThat(COMMUNE_A.allows(program(List.of("vn", "other-province")))).isFalse();
        assertThat(StreamScope.of("commune-a", List.of()).allows(program(List.of("vn", "province"))))
                .as("ancestors unknown: only its own subtree").isFalse();
    }

    @Test
    void nationalCallersSeeEverythingAndMayFilterAnyUnit() {
        assertThat(StreamScope.NATIONAL.allows(activity(List.of("x"), List.of()))).isTrue();
        assertThat(StreamScope.NATIONAL.covers("anything", List.of())).isTrue();
    }

    @Test
    void aFilterMustNameTheCallersUnitOrOneBelowIt() {
        assertThat(COMMUNE_A.covers("commune-a", List.of("vn", "province"))).isTrue();
        assertThat(COMMUNE_A.covers("team-1", List.of("vn", "province", "commune-a"))).isTrue();
        assertThat(COMMUNE_A.covers("province", List.of("vn"))).isFalse();
        assertThat(COMMUNE_A.covers("commune-b", List.of("vn", "province"))).isFalse();
    }
}
