package vn.phoihop.unit.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
        var a = activity(new java.util.LinkedHashMap<>(Map.of("sessions", d("1"))));
        var metrics = new java.util.LinkedHashMap<String, BigDecimal>();
        metrics.put("attendees", d("20"));
        metrics.put("sessions", d("1"));
        var b = activity(metrics);
        var reordered = new java.util.LinkedHashMap<String, BigDecimal>();
        reordered.put("sessions", d("1"));
        reordered.put("attendees", d("20"));
        assertThat(Idempotency.fingerprint(b)).isEqualTo(Idempotency.fingerprint(activity(reordered)));
        assertThat(Idempotency.fingerprint(a)).isNotEqualTo(Idempotency.fingerprint(b));
        assertThat(Idempotency.fingerprint(activity(Map.of("sessions", d("2"))))).isNotEqualTo(Idempotency.fingerprint(a));
        assertThat(Idempotency.fingerprint(activity(Map.of("sessions", d("0.001")))))
                .isNotEqualTo(Idempotency.fingerprint(activity(Map.of("sessions", d("0.002")))));
    }

    @Test
    void fingerprintsOfRequestsStoredWhenFiguresWereDoublesStayTheSame() {
        // what Idempotency.fingerprint computed when metrics were a Map<String, Double> read from the same JSON
        String before = Idempotency.digest(null, "prg-09", "u-1", "[]", "MEETING", "2026-08-18", "Họp", null,
                "{attendees=120.0, km=9.99999999999E8, sessions=0.1}");
        assertThat(Idempotency.fingerprint(activity(Map.of("sessions", d("0.1"), "attendees", d("120"), "km",
                d("999999999.999"))))).isEqualTo(before);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static NewActivity activity(Map<String, BigDecimal> metrics) {
        return new NewActivity(null, "prg-09", "u-1", List.of(), ActivityType.MEETING, LocalDate.of(2026, 8, 18),
                "Họp", null, metrics);
    }
}
