package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Folds a batch's counter changes into one write per counter. A change counts for a counter only if its offset is
 * above the mark the counter stored for that partition: a lower one was already added by an earlier, possibly crashed,
 * attempt. Each write moves the marks to the highest offset it took, together with the value, in one document.
 */
public final class CounterWrites {

    private CounterWrites() {
    }

    /** The new amount and marks of one counter; {@code marks} holds only the partitions this write moves. */
    public record Write(BigDecimal amount, Map<String, Long> marks) {
    }

    /**
     * @param changes the batch's changes, in offset order per partition
     * @param stored  each counter's stored marks by partition; a counter or partition missing has none
     */
    public static Map<String, Write> of(List<CounterChange> changes, Map<String, Map<String, Long>> stored) {
        var amounts = new HashMap<String, BigDecimal>();
        var marks = new HashMap<String, Map<String, Long>>();
        for (CounterChange change : changes) {
            change.amounts().forEach((id, amount) -> {
                Long mark = stored.getOrDefault(id, Map.of()).get(change.partition());
                if (mark == null || change.offset() > mark) {
                    amounts.merge(id, amount, BigDecimal::add);
                    marks.computeIfAbsent(id, k -> new HashMap<>()).merge(change.partition(), change.offset(), Math::max);
                }
            });
        }
        var writes = new HashMap<String, Write>();
        amounts.forEach((id, amount) -> writes.put(id, new Write(amount, marks.get(id))));
        return writes;
    }

    /** Every counter the changes touch, for reading their marks in one query. */
    public static Collection<String> touched(List<CounterChange> changes) {
        var ids = new HashSet<String>();
        changes.forEach(c -> ids.addAll(c.amounts().keySet()));
        return ids;
    }

    /** The highest offset of the changes, per partition: what a batch notes before writing its counters. */
    public static Map<String, Long> highest(List<CounterChange> changes) {
        var highest = new HashMap<String, Long>();
        changes.forEach(c -> highest.merge(c.partition(), c.offset(), Math::max));
        return highest;
    }

    /**
     * True if every change lies above the highest offset ever noted for its partition: no counter can have taken any
     * of them, as a counter's mark never exceeds what was noted before it was written, so no marks need reading.
     */
    public static boolean allAbove(List<CounterChange> changes, Map<String, Long> noted) {
        return changes.stream().allMatch(c -> c.offset() > noted.getOrDefault(c.partition(), -1L));
    }
}
