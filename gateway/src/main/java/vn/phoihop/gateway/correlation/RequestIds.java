package vn.phoihop.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Correlation ids for every request, routed or answered here. Wraps the whole HTTP handler rather
 * than sitting in the gateway's filter chain so that 401s, 404s and the stream get an id and a log
 * line too, and so the logged status is the final one (error handlers run inside it).
 *
 * <p>A client's {@code X-Request-Id} is kept if it is safe to put in a log line, else replaced. The
 * log line carries method, path (never the query, which may hold secrets), status, duration and id;
 * never tokens or bodies.
 */
@Component
public class RequestIds implements HttpHandlerDecoratorFactory {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger("vn.phoihop.gateway.access");

    public static String acceptOrCreate(String supplied) {
        return supplied != null && SAFE.matcher(supplied).matches() ? supplied : UUID.randomUUID().toString();
    }

    @Override
    public HttpHandler apply(HttpHandler handler) {
        return (request, response) -> {
            long start = System.nanoTime();
            String id = acceptOrCreate(request.getHeaders().getFirst(HEADER));
            ServerHttpRequest withId = request.mutate().headers(headers -> headers.set(HEADER, id)).build();
            response.beforeCommit(() -> {
                response.getHeaders().set(HEADER, id); // set, not add: a service may echo its own copy
                return Mono.empty();
            });
            return handler.handle(withId, response).doFinally(signal -> logLine(request, response, id, start));
        };
    }

    private static void logLine(ServerHttpRequest request, ServerHttpResponse response, String id, long start) {
        var status = response.getStatusCode();
        log.info("{} {} {} {}ms requestId={}", request.getMethod(), request.getPath().value(),
                status == null ? "-" : status.value(), (System.nanoTime() - start) / 1_000_000, id);
    }
}
