package vn.phoihop.gateway.stream;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.phoihop.gateway.problem.ApiProblem;

/**
 * {@code GET /api/v1/stream}: live events for dashboards, as Server-Sent Events, limited to the caller's unit
 * scope and resumable with {@code Last-Event-ID}. The route is the gateway's own (no service behind it),
 * authenticated like every other API path.
 */
@RestController
class StreamController {

    /** CloudEvent ids as the services make them (UUIDs), and test or partner ids of the same alphabet. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String UNIT_CLAIM = "unitId";

    private final EventStreams streams;
    private final Journal journal;
    private final UnitDirectory units;
    private final ConnectionLimits limits;

    StreamController(EventStreams streams, Journal journal, UnitDirectory units, ConnectionLimits limits) {
        this.streams = streams;
        this.journal = journal;
        this.units = units;
        this.limits = limits;
    }

    /**
     * The frames' bytes as they are (encoded once per event, shared by every subscriber), written without a flush
     * after each: the connection flushes once it has written all that is waiting, so a burst costs one flush.
     */
    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<DataBuffer> stream(
            @RequestParam(required = false) String programId,
            @RequestParam(required = false) String unitId,
            @RequestParam(required = false) String types,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal Jwt token, ServerWebExchange exchange) {
        StreamFilter filter;
        try {
            filter = StreamFilter.parse(types, programId, unitId);
        } catch (StreamFilter.UnknownEventTypesException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, e.getMessage(),
                    List.of(new ApiProblem.FieldError("types", "must name event types the system publishes")));
        }
        if (lastEventId != null && !EVENT_ID.matcher(lastEventId).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Last-Event-ID must be the id of an event this stream sent (letters, digits, '.', '_', ':', '-')");
        }
        return Mono.zip(scopeOf(token), startAfter(lastEventId))
                .flatMap(scopeAndStart -> allowed(filter, scopeAndStart.getT1(), token).thenReturn(scopeAndStart))
                .flatMapMany(scopeAndStart -> limited(token.getSubject(),
                        () -> streams.open(filter, scopeAndStart.getT1(), scopeAndStart.getT2())))
                .map(frame -> exchange.getResponse().bufferFactory().wrap(frame.bytes()));
    }

    /** National without a {@code unitId} claim; else the unit and its ancestors (unknown ones: none, so fewer programs). */
    private Mono<StreamScope> scopeOf(Jwt token) {
        String unit = token.getClaimAsString(UNIT_CLAIM);
        if (unit == null) {
            return Mono.just(StreamScope.NATIONAL);
        }
        return units.ancestorsOf(unit, token.getTokenValue())
                .onErrorReturn(java.util.Optional.empty())
                .map(ancestors -> StreamScope.of(unit, ancestors.orElse(List.of())));
    }

    /** A {@code unitId=} filter must name the caller's unit or one below it: 403 otherwise (and for unknown units). */
    private Mono<Void> allowed(StreamFilter filter, StreamScope scope, Jwt token) {
        String wanted = filter.unitId();
        if (wanted == null || scope.national() || wanted.equals(scope.unitId())) {
            return Mono.empty();
        }
        return units.ancestorsOf(wanted, token.getTokenValue())
                .filter(ancestors -> ancestors.isPresent() && scope.covers(wanted, ancestors.get()))
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "unitId " + wanted + " is outside the units this client may follow")))
                .then();
    }

    private Mono<EventStreams.Start> startAfter(String lastEventId) {
        if (lastEventId == null) {
            return Mono.just(EventStreams.Start.NOW);
        }
        return Mono.fromCallable(() -> journal.seqOf(lastEventId)
                        .<EventStreams.Start>map(EventStreams.Start.After::new)
                        .orElseGet(() -> new EventStreams.Start.Unknown(lastEventId)))
                .subscribeOn(Schedulers.boundedElastic()) // a MongoDB lookup: off the event loop
                .onErrorMap(e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "Resuming is not possible right now; try again shortly", e));
    }

    private Flux<SseFrame> limited(String principal, java.util.function.Supplier<Flux<SseFrame>> stream) {
        return Flux.defer(() -> {
            if (!limits.tryAcquire(principal)) {
                return Flux.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "This client already has "
                        + limits.perPrincipal() + " open streams, the most it may hold; close one first"));
            }
            return stream.get().doFinally(signal -> limits.release(principal));
        });
    }
}
