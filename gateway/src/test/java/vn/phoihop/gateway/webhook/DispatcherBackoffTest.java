package vn.phoihop.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatcherBackoffTest {

    private final Dispatcher dispatcher = new Dispatcher(null, null, null, new WebhookProperties(false, false,
            Duration.ofHours(25), Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24),
            Duration.ofSeconds(10), 3, Duration.ofSeconds(1), 4), Clock.systemUTC());

    @Test
    void delaysDoubleWithJitterInTheirUpperHalfUpToTheCap() {
        for (int failures = 1; failures <= 60; failures++) {
            long full = Math.min(5_000L << Math.min(failures - 1, 40), Duration.ofHours(1).toMillis());
            for (int i = 0; i < 50; i++) {
                long delay = dispatcher.backoff(failures).toMillis();
                assertThat(delay).as("after %d failures", failures).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void aDayOfRetriesIsAboutThirtyAttemptsNotThousands() {
        long elapsed = 0;
        int attempts = 0;
        while (elapsed < Duration.ofHours(24).toMillis()) {
            elapsed += dispatcher.backoff(++attempts).toMillis();
        }
        assertThat(attempts).isBetween(25, 60);
    }
}
