package vn.phoihop.gateway.stream;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway is healthy once its event feed reads every partition: from then on no event is missed
 * by the live stream, so whoever waits for health (devstack, compose, tests) can rely on it.
 */
@Component // contributes "eventFeed" to /actuator/health
class EventFeedHealthIndicator implements HealthIndicator {

    private final EventFeed feed;

    EventFeedHealthIndicator(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public Health health() {
        return feed.isReady() ? Health.up().build() : Health.down().withDetail("reason", "not reading Kafka yet").build();
    }
}
