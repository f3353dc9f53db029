package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.unit.UnitCreated;

class StreamFilterTest {

    private static final EventCodec CODEC = new EventCodec("/test", Clock.systemUTC());

    private static CloudEvent unitCreated(String programId, List<String> unitPath) {
        return CODEC.create(EventTypes.UNIT_CREATED, "s", "k", programId, unitPath,
                new UnitCreated("u", "C", "N", "COMMUNE", null, List.of(), null));
    }

    @Test
    void emptyFilterMatchesEverything() {
        var filter = StreamFilter.parse(null, "", " ");
        assertThat(filter.matches(unitCreated(null, List.of()))).isTrue();
        assertThat(filter.matches(unitCreated("p", List.of("a", "b")))).isTrue();
    }

    @Test
    void typesAreACommaList() {
        var filter = StreamFilter.parse(" unit.created.v1 , activity.submitted.v1,", null, null);
        assertThat(filter.types()).containsExactlyInAnyOrder("unit.created.v1", "activity.submitted.v1");
        assertThat(filter.matches(unitCreated(null, List.of()))).isTrue();
        assertThat(StreamFilter.parse("activity.submitted.v1", null, null).matches(unitCreated(null, List.of()))).isFalse();
    }

    @Test
    void unknownTypesAreRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> StreamFilter.parse("unit.created.v1,unit.exploded.v9", null, null))
                .isInstanceOf(StreamFilter.UnknownEventTypesException.class)
                .hasMessageContaining("unit.exploded.v9")
                .hasMessageContaining("activity.submitted.v1")
                .hasMessageContaining("program.activated.v1");
    }

    @Test
    void moreTypesThanTheSystemPublishesAreRefusedWithoutEchoingThem() {
        String many = java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> "activity.teleported" + i + ".v1")
                .collect(java.util.stream.Collectors.joining(","));
        assertThatThrownBy(() -> StreamFilter.parse(many + ",unit.created.v1", null, null))
                .isInstanceOf(StreamFilter.UnknownEventTypesException.class)
                .hasMessageContaining("at most " + EventTypes.ALL.size())
                .hasMessageNotContaining("teleported")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2_000));
        assertThatThrownBy(() -> StreamFilter.parse("x".repeat(3_000), null, null))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2_000));
    }

    @Test
    void programIdMustBeTheEventsProgram() {
        var filter = StreamFilter.parse(null, "p-1", null);
        assertThat(filter.matches(unitCreated("p-1", List.of()))).isTrue();
        assertThat(filter.matches(unitCreated("p-2", List.of()))).isFalse();
        assertThat(filter.matches(unitCreated(null, List.of()))).isFalse();
    }

    @Test
    void unitIdMatchesTheUnitAndEverythingBelowIt() {
        var filter = StreamFilter.parse(null, null, "can-tho");
        assertThat(filter.matches(unitCreated(null, List.of("can-tho")))).isTrue();
        assertThat(filter.matches(unitCreated(null, List.of("can-tho", "ninh-kieu", "an-hoa")))).isTrue();
        assertThat(filter.matches(unitCreated(null, List.of("ha-noi", "ba-dinh")))).isFalse();
        assertThat(filter.matches(unitCreated(null, List.of()))).isFalse();
    }
}
