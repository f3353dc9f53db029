package vn.phoihop.gateway.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of webhook delivery ({@code phoihop.webhooks.*}); defaults in application.yml and docs/partners.md.
 *
 * @param allowHttp             plain {@code http://} targets (development only; production partners use https)
 * @param allowPrivateNetworks  targets on loopback or private addresses (development and tests only). Link-local
 *                              and cloud metadata addresses are refused even then
 * @param retryFor              how long a delivery is retried before it is parked as failed
 * @param firstRetry            the delay after the first failure; each later one doubles, with jitter
 * @param maxBackoff            the longest delay between two attempts
 * @param secretOverlap         how long a rotated-out secret still signs, so a partner can switch without a gap
 * @param requestTimeout        how long one attempt may take
 * @param maxRedirects          redirects followed per attempt, each target checked again
 * @param dispatchEvery         how often the dispatcher looks for due deliveries
 * @param concurrency           deliveries in flight at once
 */
@ConfigurationProperties("phoihop.webhooks")
public record WebhookProperties(
        boolean allowHttp,
        boolean allowPrivateNetworks,
        Duration retryFor,
        Duration firstRetry,
        Duration maxBackoff,
        Duration secretOverlap,
        Duration requestTimeout,
        int maxRedirects,
        Duration dispatchEvery,
        int concurrency) {
}
