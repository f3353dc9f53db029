package vn.phoihop.gateway.edge;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.phoihop.gateway.problem.Problems;

/**
 * Request bodies over a route's limit are refused with a 413 problem: at once when the declared
 * {@code Content-Length} is too large (the service sees nothing), or as soon as a streamed (chunked) body
 * passes it. The limit is the route's {@code max-body-bytes} metadata (the CSV imports), else
 * {@code phoihop.web.max-body-bytes}, the services' own JSON limit.
 */
@Component
class BodyLimits implements GlobalFilter, Ordered {

    static final String ROUTE_LIMIT = "max-body-bytes";
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    private final long defaultLimit;

    BodyLimits(@Value("${phoihop.web.max-body-bytes:1048576}") long defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long limit = limitOf(exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR));
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return refuse(exchange, limit);
        }
        if (declared >= 0) {
            return chain.filter(exchange); // the server holds a declared body to its length
        }
        var exceeded = new AtomicBoolean();
        ServerHttpRequest counted = new CountedRequest(exchange.getRequest(), limit, exceeded);
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(error -> exceeded.get() && !exchange.getResponse().isCommitted(),
                        error -> refuse(exchange, limit));
    }

    private long limitOf(Route route) {
        Object value = route == null ? null : route.getMetadata().get(ROUTE_LIMIT);
        return value == null ? defaultLimit : Long.parseLong(value.toString().trim());
    }

    /**
     * The rest of the body is never read, so the connection cannot carry another request: {@link Problems#write}
     * closes it after the answer, as it does after every refusal (here RFC 9110 §15.5.14 requires it).
     */
    private static Mono<Void> refuse(ServerWebExchange exchange, long limit) {
        return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the " + limit + " bytes allowed here");
    }

    /** Ends the body stream; expected, so without a stack trace for the HTTP client's log line. */
    private static final class TooLarge extends IllegalStateException {

        TooLarge(long limit) {
            super("request body over " + limit + " bytes");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A body that fails, and stops being read, once more than {@code limit} bytes have come. */
    private static final class CountedRequest extends ServerHttpRequestDecorator {

        private final long limit;
        private final AtomicBoolean exceeded;

        CountedRequest(ServerHttpRequest request, long limit, AtomicBoolean exceeded) {
            super(request);
            this.limit = limit;
            this.exceeded = exceeded;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            var seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                    DataBufferUtils.release(buffer);
                    exceeded.set(true);
                    sink.error(new TooLarge(limit));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
