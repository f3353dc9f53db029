package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.platform.web.Ids;

class IdempotencyTest {

    @Test
    void aKeyGivesTheSameIdForItsCallerOnlyAndTheIdIsAValidId() {
        String id = Idempotency.activityId("police-officer", "offline-42");
        assertThat(id).isEqualTo(Idempotency.activityId("police-officer", "offline-42")).matches(Ids.PATTERN);
        assertThat(Idempotency.activityId("front-officer", "offline-42")).isNotEqualTo(id);
        assertThat(Idempotency.activityId("police-officer", Idempotency.itemKey("offline-42", 0))).isNotEqualTo(id);
    }

    @Test
    void theFingerprintIgnoresTheOrderOfMetricsButNotTheirValues() {
        var a = activity(new java.util.LinkedHashMap<>(Map.of("sessions", 1.0)));
        var metrics = new java.util.LinkedHashMap<String, Double>();
        metrics.put("attendees", 20.0);
        metrics.put("sessions", 1.0);
        var b = activity(metrics);
        var reordered = new java.util.LinkedHashMap<String, Double>();
        reordered.put("sessions", 1.0);
        reordered.put("attendees", 20.0);
        assertThat(Idempotency.fingerprint(b)).isEqualTo(Idempotency.fingerprint(activity(reordered)));
        assertThat(Idempotency.fingerprint(a)).isNotEqualTo(Idempotency.fingerprint(b));
        assertThat(Idempotency.fingerprint(activity(Map.of("sessions", 2.0)))).isNotEqualTo(Idempotency.fingerprint(a));
    }

    private static NewActivity activity(Map<String, Double> metrics) {
        return new NewActivity(null, "prg-09", "u-1", List.of(), ActivityType.MEETING, LocalDate.of(2026, 8, 18),
                "Họp", null, metrics);
    }
}
