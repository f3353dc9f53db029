package vn.phoihop.gateway.audit;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/audit} is one path for the audit logs of several services: {@code ?service=} says whose, and the
 * routes (application.yml, {@code *-audit}) send it there. Without exactly one known value no route would match and
 * the caller would get a bare 404, so this answers a 400 problem naming the values instead. Runs after security: an
 * anonymous caller learns nothing about the routes.
 */
@Component
class AuditServiceChoice implements WebFilter {

    static final String PATH = "/api/v1/audit";
    /** The {@code service} values the {@code *-audit} routes accept. */
    static final List<String> SERVICES = List.of("units", "programs", "auth");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().equals(PATH)) {
            return chain.filter(exchange);
        }
        List<String> asked = exchange.getRequest().getQueryParams().getOrDefault("service", List.of());
        if (asked.size() == 1 && SERVICES.contains(asked.get(0))) {
            return chain.filter(exchange);
        }
        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "Say whose audit log to read: query parameter service must be one of " + String.join(", ", SERVICES)));
    }
}
