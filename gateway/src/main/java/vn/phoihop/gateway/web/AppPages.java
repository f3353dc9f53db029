package vn.phoihop.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * The History-API fallback: every page of the app is {@code index.html}, which the app's router turns into the
 * page of the path. Last of all handler mappings, so routes to the services and auth-server come first.
 * {@code no-cache}: a new release's index (and so its pinned WebJar versions) is seen on the next load.
 */
@Component
class AppPages implements HandlerMapping, Ordered {

    private final WebHandler index;

    AppPages(AppIndex page) {
        this.index = exchange -> {
            var response = exchange.getResponse();
            response.getHeaders().setContentType(AppPaths.HTML);
            response.getHeaders().setCacheControl(CacheControl.noCache());
            response.getHeaders().setContentLength(page.html().length);
            // The index completes synchronously; on a keep-alive connection where it was queued behind a large answer
            // still being flushed, Reactor Netty 1.3.6 then stops reading, and the browser's next request on it (a
            // module of the page) waits forever: a blank page. Its own connection ends with it (reactor-netty#4361).
            response.getHeaders().setConnection("close");
            if (exchange.getRequest().getMethod().name().equals("HEAD")) {
                return response.setComplete();
            }
            DataBuffer body = response.bufferFactory().wrap(page.html());
            return response.writeWith(Mono.just(body));
        };
    }

    @Override
    public Mono<Object> getHandler(ServerWebExchange exchange) {
        return AppPaths.isPage(exchange.getRequest()) ? Mono.just(index) : Mono.empty();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
