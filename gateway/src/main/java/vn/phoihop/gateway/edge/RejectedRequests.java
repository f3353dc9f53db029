package vn.phoihop.gateway.edge;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * Spring Security's firewall refuses paths that are not normalized ({@code ..}, encoded slashes or dots,
 * {@code ;}) before any route could pass them to a service, where they might resolve to an internal path
 * such as {@code /actuator/env}. The refusal is a 400 problem like every other, and the connection is closed
 * after it: a client that sends such a request is not one whose next request on it is worth reading.
 */
@Component
class RejectedRequests implements ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        // Problems.write closes the connection after it
        return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                "The request path or headers are malformed or not normalized");
    }
}
