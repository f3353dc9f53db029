package vn.phoihop.gateway.edge;

import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * CORS only for the origins in {@code phoihop.gateway.cors.allowed-origins} (none by default). A cross-origin
 * request or preflight from any other origin is a 403 problem without CORS headers; an allowed preflight is
 * answered here, before token checks (browsers send no token with it). Same-origin and non-browser requests
 * (no {@code Origin}) pass untouched.
 */
@Component
class CorsPolicy implements WebFilter, Ordered {

    private final CorsConfiguration config = new CorsConfiguration();
    private final CorsProcessor processor = new DefaultCorsProcessor();

    CorsPolicy(EdgeProperties properties) {
        config.setAllowedOrigins(properties.cors().allowedOrigins());
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key",
                "If-Match", "X-Request-Id", "Last-Event-ID"));
        config.setExposedHeaders(List.of("X-Request-Id", "Location", "ETag", "Retry-After"));
        config.setAllowCredentials(false); // bearer tokens, no cookies
        config.setMaxAge(Duration.ofHours(1));
    }

    @Override
    public int getOrder() {
        return -200; // before Spring Security (-100): a preflight carries no token
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        if (!processor.process(config, exchange)) {
            return Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "This origin may not call the API");
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }
}
