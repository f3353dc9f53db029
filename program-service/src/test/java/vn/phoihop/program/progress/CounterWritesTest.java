package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.program.progress.CounterWrites.Write;

class CounterWritesTest {

    @Test
    void eachCounterTakesTheChangesAboveItsOwnMarkAndMovesTheMarkToTheHighestTaken() {
        var changes = List.of(
                change("activities-0", 10, Map.of("c1", "1", "c2", "2")),
                change("activities-0", 11, Map.of("c1", "3", "c3", "5")),
                change("activities-0", 12, Map.of("c2", "-2")));
        // c1 took offset 10 in a crashed attempt; c2 took 10 and 12; c3 was never written
        var stored = Map.of("c1", Map.of("activities-0", 10L), "c2", Map.of("activities-0", 12L));

        var writes = CounterWrites.of(changes, stored);

        assertThat(writes).containsOnlyKeys("c1", "c3");
        assertThat(writes.get("c1")).isEqualTo(new Write(new BigDecimal("3"), Map.of("activities-0", 11L)));
        assertThat(writes.get("c3")).isEqualTo(new Write(new BigDecimal("5"), Map.of("activities-0", 11L)));
    }

    @Test
    void aMarkOfOnePartitionSaysNothingAboutAnother() {
        var changes = List.of(change("activities-0", 3, Map.of("all", "1")), change("activities-1", 7, Map.of("all", "2")),
                change("activities-1", 9, Map.of("all", "4")));

        var writes = CounterWrites.of(changes, Map.of("all", Map.of("activities-0", 5L, "activities-1", 7L)));

        assertThat(writes.get("all")).isEqualTo(new Write(new BigDecimal("4"), Map.of("activities-1", 9L)));
    }

    @Test
    void changesThatCancelOutStillMoveTheMark() {
        var writes = CounterWrites.of(List.of(change("activities-0", 1, Map.of("c", "2")),
                change("activities-0", 2, Map.of("c", "-2"))), Map.of());

        assertThat(writes.get("c").amount()).isEqualByComparingTo("0");
        assertThat(writes.get("c").marks()).containsEntry("activities-0", 2L);
        assertThat(CounterWrites.touched(List.of(change("activities-0", 1, Map.of("a", "1", "b", "1")),
                change("activities-0", 2, Map.of("b", "1", "c", "1"))))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aBatchAboveEveryNotedOffsetOfItsPartitionsNeedsNoMarks() {
        var changes = List.of(change("activities-0", 11, Map.of("c", "1")), change("activities-1", 4, Map.of("c", "1")),
                change("activities-0", 15, Map.of("c", "1")));

        assertThat(CounterWrites.highest(changes)).isEqualTo(Map.of("activities-0", 15L, "activities-1", 4L));
        assertThat(CounterWrites.allAbove(changes, Map.of())).isTrue();
        assertThat(CounterWrites.allAbove(changes, Map.of("activities-0", 10L, "activities-2", 99L))).isTrue();
        // a redelivery: offset 11 of partition 0 may have reached some counters before a crash
        assertThat(CounterWrites.allAbove(changes, Map.of("activities-0", 11L))).isFalse();
        assertThat(CounterWrites.allAbove(changes, Map.of("activities-0", 10L, "activities-1", 4L))).isFalse();
    }

    private static CounterChange change(String partition, long offset, Map<String, String> amounts) {
        var decimals = new java.util.HashMap<String, BigDecimal>();
        amounts.forEach((id, amount) -> decimals.put(id, new BigDecimal(amount)));
        return new CounterChange(partition, offset, decimals);
    }
}
