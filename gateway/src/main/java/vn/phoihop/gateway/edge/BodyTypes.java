package vn.phoihop.gateway.edge;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * A request body of a type no service takes is refused with a 415 problem before it is read or routed: the API
 * takes JSON, the imports CSV, the token endpoint and the sign-in form URL-encoded forms. Checked before the size,
 * so a large body of the wrong type is told what is wrong with it rather than only that it is large.
 */
@Component
class BodyTypes implements GlobalFilter, Ordered {

    static final List<MediaType> ACCEPTED = List.of(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"),
            new MediaType("text", "csv"), MediaType.APPLICATION_FORM_URLENCODED);

    @Override
    public int getOrder() {
        return BodyLimits.ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        boolean hasBody = headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (!hasBody || accepted(headers)) {
            return chain.filter(exchange);
        }
        return Problems.write(exchange.getResponse(), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "A request body must be application/json (text/csv for imports, a URL-encoded form for tokens)");
    }

    private static boolean accepted(HttpHeaders headers) {
        try {
            MediaType type = headers.getContentType();
            return type != null && ACCEPTED.stream().anyMatch(accepted -> accepted.includes(type));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
    }
}
