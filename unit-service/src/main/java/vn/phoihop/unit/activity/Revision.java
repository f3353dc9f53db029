package vn.phoihop.unit.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One set of figures an activity had: revision 1 as logged, then one per correction, with its reason. */
public record Revision(int revision, Map<String, BigDecimal> metrics, String reason, Instant at, String by) {
}
