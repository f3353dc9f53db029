package vn.phoihop.gateway.session;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/** This gateway's origin as people reach it: configured, or the request's own scheme, host and port. */
final class Origins {

    private final String configured;

    Origins(String configured) {
        this.configured = configured;
    }

    String of(ServerWebExchange exchange) {
        if (configured != null) {
            return configured;
        }
        return UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replacePath(null).replaceQuery(null)
                .fragment(null).build().toUriString();
    }

    /** No {@code Origin} (not a browser's cross-origin call, or an old browser's same-origin one), or ours. */
    boolean sameOrigin(ServerWebExchange exchange) {
        String origin = exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN);
        return origin == null || origin.equalsIgnoreCase(of(exchange));
    }
}
