package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.util.Map;

/** What one event changes in the counters, and where the event sits on the topic ({@code topic-partition}, offset). */
public record CounterChange(String partition, long offset, Map<String, BigDecimal> amounts) {
}
