package vn.phoihop.program.progress;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code deadLetters} in {@code /actuator/health}: {@value #STATUS} while activity events the projection set aside wait
 * to be replayed, so the service's health reads {@code DEAD_LETTERS} (HTTP 200) instead of {@code UP}: its figures
 * lack accepted activities. Not {@code DOWN}: everything else works, and a restart would not help — a replay does
 * (docs/progress.md). From the count {@link ProgressDeadLetters} keeps; no Kafka call on the health path.
 */
@Component
class DeadLettersHealthIndicator implements HealthIndicator {

    static final String STATUS = "DEAD_LETTERS";

    private final ProgressDeadLetters deadLetters;

    DeadLettersHealthIndicator(ProgressDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        var count = deadLetters.count();
        if (count.pending() > 0) {
            return Health.status(new Status(STATUS, "activity events wait in activities.dlt"))
                    .withDetail("pending", count.pending())
                    .withDetail("list", "GET /api/v1/programs/progress/dead-letters")
                    .withDetail("replay", "POST /api/v1/programs/progress/dead-letters/replay").build();
        }
        if (count.error() != null || count.at() == null) {
            return Health.unknown().withDetail("pending", count.error() != null ? count.error() : "not counted yet").build();
        }
        return Health.up().withDetail("pending", 0).build();
    }
}
