package vn.phoihop.gateway.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.json.JsonMapper;

/**
 * One subscriber's stream: the shared feed narrowed by its scope and filter, as SSE events, with heartbeats;
 * after a reconnection, first what it missed from the {@link Journal}, then the live feed, with nothing twice.
 *
 * <p>Each subscriber buffers on its own, up to {@code bufferSize} events: the feed thread only appends
 * to that buffer, so a slow client never holds up the others. One that falls further behind gets a
 * final {@code event: overflow} naming the last event it got, and is disconnected; it can resume from there.
 *
 * <p>Resuming: the live feed is subscribed to (into the bounded buffer) first, then the journal is read from
 * after the client's last event up to the last number journaled at that moment, then the buffered live events
 * numbered after it follow. The feed journals each event before it delivers it, so every event is either in the
 * journal range or in the buffer, and the numbers say which: none is missed or sent twice, and the order is the
 * feed's. A {@code Last-Event-ID} no longer journaled (older than the retention) gets {@code event: reset} first.
 */
public final class EventStreams {

    static final String OVERFLOW = "overflow";
    static final String RESET = "reset";
    private static final int REPLAY_BATCH = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Flux<FeedEvent> feed;
    private final Journal journal;
    private final Duration heartbeat;
    private final int bufferSize;

    public EventStreams(Flux<FeedEvent> feed, Journal journal, Duration heartbeat, int bufferSize) {
        this.feed = feed;
        this.journal = journal;
        this.heartbeat = heartbeat;
        this.bufferSize = bufferSize;
    }

    /** Where a subscriber starts. */
    public interface Start {

        /** A new subscriber: live events from now on. */
        Start NOW = new Now();

        record Now() implements Start {
        }

        /** Resuming after the journaled event with this number. */
        record After(long seq) implements Start {
        }

        /** Resuming after an event the journal no longer holds: told so, then live. */
        record Unknown(String lastEventId) implements Start {
        }
    }

    public Flux<ServerSentEvent<String>> open(StreamFilter filter, StreamScope scope, Start start) {
        Predicate<FeedEvent> wanted = e -> scope.allows(e.event()) && filter.matches(e.event());
        return Flux.defer(() -> {
            var lastId = new AtomicReference<String>();
            Flux<ServerSentEvent<String>> events = events(wanted, start)
                    .doOnNext(sse -> {
                        if (sse.id() != null) {
                            lastId.set(sse.id());
                        }
                    })
                    .onErrorResume(Exceptions::isOverflow, overflow -> Flux.just(overflowEvent(lastId.get())));
            Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat)
                    .onBackpressureDrop() // a heartbeat nobody can take now is not worth keeping
                    .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
            return Flux.concat(
                    Flux.just(ServerSentEvent.<String>builder().comment("connected").build()), // flushes headers now
                    events.mergeWith(heartbeats).takeUntil(sse -> OVERFLOW.equals(sse.event())));
        });
    }

    private Flux<ServerSentEvent<String>> events(Predicate<FeedEvent> wanted, Start start) {
        if (start instanceof Start.After after) {
            return resumed(after.seq(), wanted);
        }
        Flux<ServerSentEvent<String>> now = feed.filter(wanted)
                .onBackpressureBuffer(bufferSize, dropped -> { }, BufferOverflowStrategy.ERROR)
                .map(EventStreams::toSse);
        return start instanceof Start.Unknown unknown
                ? Flux.concat(Flux.just(resetEvent(unknown.lastEventId())), now)
                : now;
    }

    private Flux<ServerSentEvent<String>> resumed(long after, Predicate<FeedEvent> wanted) {
        // the live feed goes into this subscriber's bounded buffer from this moment, before the journal is read
        Sinks.Many<FeedEvent> buffer = Sinks.many().unicast().onBackpressureBuffer(Queues.<FeedEvent>get(bufferSize).get());
        Disposable live = feed.filter(wanted).subscribe(event -> {
            if (buffer.tryEmitNext(event).isFailure()) {
                buffer.tryEmitError(Exceptions.failWithOverflow());
            }
        }, buffer::tryEmitError, buffer::tryEmitComplete);
        long upTo = journal.lastSeq();
        Flux<ServerSentEvent<String>> rest = buffer.asFlux()
                .filter(e -> e.seq() == FeedEvent.UNJOURNALED || e.seq() > upTo)
                .map(EventStreams::toSse);
        return Flux.concat(replay(after, upTo, wanted), rest).doFinally(signal -> live.dispose());
    }

    /** The journal's events numbered after {@code after} up to {@code upTo}, read in batches as the client takes them. */
    private Flux<ServerSentEvent<String>> replay(long after, long upTo, Predicate<FeedEvent> wanted) {
        return Flux.<List<ServerSentEvent<String>>, Long>generate(() -> after, (from, sink) -> {
            if (from >= upTo) {
                sink.complete();
                return from;
            }
            long to = Math.min(upTo, from + REPLAY_BATCH);
            List<FeedEvent> batch = journal.read(from, to, REPLAY_BATCH);
            var out = new ArrayList<ServerSentEvent<String>>(batch.size() + 1);
            if (batch.size() < to - from) {
                // numbers the journal could not record (it was down) or has dropped: say so rather than skip quietly
                out.add(resetEvent(null));
            }
            batch.stream().filter(wanted).map(EventStreams::toSse).forEach(out::add);
            sink.next(out);
            return to;
        }).subscribeOn(Schedulers.boundedElastic()).concatMapIterable(batch -> batch);
    }

    static ServerSentEvent<String> toSse(FeedEvent event) {
        return ServerSentEvent.<String>builder()
                .id(event.event().id())
                .event(event.event().type())
                .data(event.json())
                .build();
    }

    private static ServerSentEvent<String> overflowEvent(String lastEventId) {
        return control(OVERFLOW, "This subscriber fell too far behind and was disconnected; reconnect with "
                + "Last-Event-ID to continue after the last event it got", lastEventId);
    }

    private static ServerSentEvent<String> resetEvent(String lastEventId) {
        return control(RESET, "Some events before this point are no longer kept (older than the retention) and "
                + "cannot be replayed; reload the state you show, then follow the events from here", lastEventId);
    }

    private static ServerSentEvent<String> control(String event, String detail, String lastEventId) {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("detail", detail);
        data.put("lastEventId", lastEventId);
        return ServerSentEvent.<String>builder().event(event).data(JSON.writeValueAsString(data)).build();
    }
}
