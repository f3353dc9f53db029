package vn.phoihop.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.Principal;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * Per-client rate limit: one {@link TokenBucket} per token subject, or per client address where no token is
 * needed (getting a token, discovery, docs, health). Past it a 429 problem with {@code Retry-After} in whole
 * seconds. Runs after token validation, so a forged {@code sub} never drains someone else's bucket; a live
 * stream counts once, when it opens.
 */
@Component
class RateLimits implements WebFilter, Ordered {

    /** Just after Spring Security's filter chain (-100), which puts the principal on the exchange. */
    static final int ORDER = -90;

    private final EdgeProperties.RateLimit limit;
    private final Cache<String, TokenBucket> buckets;

    RateLimits(EdgeProperties properties) {
        this.limit = properties.rateLimit();
        // a bucket left alone this long is full again, as good as a new one: forget it
        Duration refill = Duration.ofMillis((long) Math.ceil(1000 * limit.burst() / limit.requestsPerSecond()));
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limit.maxClients())
                .expireAfterAccess(refill.plusSeconds(1))
                .build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(subjectOf(principal)))
                .defaultIfEmpty("address:" + ClientAddress.of(exchange))
                .flatMap(client -> {
                    long wait = buckets.get(client, key -> newBucket()).take(System.nanoTime());
                    return wait == 0 ? chain.filter(exchange) : refuse(exchange, wait);
                });
    }

    private TokenBucket newBucket() {
        return new TokenBucket(limit.burst(), limit.requestsPerSecond(), System.nanoTime());
    }

    private static String subjectOf(Principal principal) {
        return principal.getName() == null ? null : "sub:" + principal.getName();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests from this client; retry after " + seconds + " s");
    }
}
