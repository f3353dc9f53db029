package vn.phoihop.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * Per-client rate limit: one {@link TokenBucket} per token subject, or per client address where no token is
 * needed (getting a token, discovery, docs, health). A role may have its own rate (partners' systems a
 * smaller one, say); a client with several roles gets the most generous. Past it a 429 problem with
 * {@code Retry-After} in whole seconds. Runs after token validation, so a forged {@code sub} never drains
 * someone else's bucket; a live stream counts once, when it opens.
 */
@Component
class RateLimits implements WebFilter, Ordered {

    /** Just after Spring Security's filter chain (-100), which puts the principal on the exchange. */
    static final int ORDER = -90;

    private final EdgeProperties.RateLimit limits;
    private final Cache<String, TokenBucket> buckets;

    RateLimits(EdgeProperties properties) {
        this.limits = properties.rateLimit();
        // an idle client's bucket has long refilled by then: forgetting it changes nothing
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limits.maxClients())
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(clientOf(principal)))
                .defaultIfEmpty(new Client("address:" + ClientAddress.of(exchange), List.of()))
                .flatMap(client -> {
                    long wait = buckets.get(client.key(), key -> newBucket(client)).take(System.nanoTime());
                    return wait == 0 ? chain.filter(exchange) : refuse(exchange, wait);
                });
    }

    /** Who is counted: the token's subject, with its roles (some may have their own rate). */
    private record Client(String key, List<String> roles) {
    }

    private static Client clientOf(Principal principal) {
        if (!(principal instanceof JwtAuthenticationToken token) || token.getToken().getSubject() == null) {
            return null;
        }
        List<String> roles = token.getToken().getClaimAsStringList("roles");
        return new Client("sub:" + token.getToken().getSubject(), roles == null ? List.of() : roles);
    }

    private TokenBucket newBucket(Client client) {
        EdgeProperties.Limit limit = limits.forRoles(client.roles());
        return new TokenBucket(limit.burst(), limit.requestsPerSecond(), System.nanoTime());
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests from this client; retry after " + seconds + " s");
    }
}
