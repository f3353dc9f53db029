package vn.phoihop.gateway.web;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The app's service worker lives with its files ({@code /app/sw.js}) but serves every page of the app, so its
 * answer allows the scope {@code /}; browsers refuse a worker a scope above its own folder without this header.
 * Nothing else is given it. Like the app's other files it is revalidated ({@code no-cache}), so a new release's
 * worker is found on the next visit.
 */
@Component
class ServiceWorkerScope implements WebFilter {

    static final String PATH = "/app/sw.js";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().pathWithinApplication().value().equals(PATH)) {
            exchange.getResponse().getHeaders().set("Service-Worker-Allowed", "/");
        }
        return chain.filter(exchange);
    }
}
