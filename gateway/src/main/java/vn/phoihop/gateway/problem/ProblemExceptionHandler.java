package vn.phoihop.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import tools.jackson.core.JacksonException;

/**
 * Every error the gateway itself produces leaves as a problem: unknown paths (404), bad parameters
 * (400), services that break off an answer (502), unreachable ones (503), slow ones (504). Only a real bug is a 500, without internals.
 * Replaces Boot's default handler, which would answer with its own JSON shape.
 */
@Component
@Order(-2) // before Spring's own WebExceptionHandlers
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error); // a stream already under way cannot change its status
        }
        HttpStatusCode status = statusOf(error);
        if (status.is5xxServerError() && !(error instanceof ResponseStatusException)) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        if (error instanceof ApiProblem problem) {
            return Problems.write(exchange.getResponse(), status, problem.getReason(), problem.errors());
        }
        JacksonException json = jsonCause(error);
        if (status.value() == 400 && json != null) {
            return Problems.write(exchange.getResponse(), status, "The body does not match this request: see errors",
                    JsonFields.errors(json));
        }
        return Problems.write(exchange.getResponse(), status, detailOf(error, status));
    }

    /** The JSON binding failure behind a 400 for a body, if that is what it is. */
    private static JacksonException jsonCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private static HttpStatusCode statusOf(Throwable error) {
        if (error instanceof ResponseStatusException e) {
            return e.getStatusCode();
        }
        if (error instanceof ConnectException || error.getCause() instanceof ConnectException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (error instanceof TimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        // the service went away in the middle of the exchange (a crash, a restart): not our bug, and a client
        // retrying with the same Idempotency-Key is safe
        if (error instanceof IOException || error.getCause() instanceof IOException || error instanceof AbortedException) {
            return HttpStatus.BAD_GATEWAY;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detailOf(Throwable error, HttpStatusCode status) {
        // our own 400s, 403s and 429s explain what to fix; the framework's reasons may echo internals (resource paths)
        if (error instanceof ResponseStatusException e && e.getReason() != null
                && (status.value() == 400 || status.value() == 403 || status.value() == 429)) {
            return e.getReason();
        }
        return switch (status.value()) {
            case 404 -> "Nothing is served at this path";
            case 405 -> "This method is not allowed here";
            case 406 -> "The requested media type cannot be produced";
            case 502 -> "The service behind this path broke off its answer; retry (with the same Idempotency-Key)";
            case 503 -> "The service behind this path is unavailable; try again shortly";
            case 504 -> "The service behind this path did not answer in time";
            default -> status.is4xxClientError() ? "The request was refused" : "The request could not be completed";
        };
    }
}
