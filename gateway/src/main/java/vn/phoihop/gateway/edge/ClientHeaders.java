package vn.phoihop.gateway.edge;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a client says about who it is or where it comes from never reaches a service: identity, scope,
 * proxy and other internal headers are dropped from every routed request, then the gateway states the
 * one address it knows, the peer it talks to, as {@code X-Forwarded-For} (what services audit as "from
 * where"). The gateway is the edge: a proxy in front of it would be this peer.
 *
 * <p>Runs last among the routing header filters, after Spring Cloud Gateway's own forwarded-header handling.
 */
@Component
class ClientHeaders implements HttpHeadersFilter, Ordered {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final List<String> INTERNAL_PREFIXES =
            List.of("x-user", "x-scope", "x-forwarded-", "x-internal-", "x-phoihop-");
    private static final Set<String> INTERNAL = Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
            "x-original-forwarded-for", "x-original-url", "x-rewrite-url", "x-http-method-override");

    static boolean internal(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return INTERNAL.contains(lower) || INTERNAL_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders kept = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!internal(name)) {
                kept.addAll(name, values);
            }
        });
        kept.set(FORWARDED_FOR, ClientAddress.of(exchange));
        return kept;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
