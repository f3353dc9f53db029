package vn.phoihop.gateway.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * One subscriber's stream: the shared feed narrowed by its scope and filter, as SSE events, with heartbeats;
 * after a reconnection, first what it missed from the {@link Journal}, then the live feed, with nothing twice.
 *
 * <p>Each event's SSE bytes are encoded once by the feed ({@link FeedEvent#frame()}) and shared by every subscriber.
 * Each subscriber buffers on its own, up to {@code bufferSize} events: the feed thread only appends
 * to that buffer, so a slow client never holds up the others. One that falls further behind gets a
 * final {@code event: overflow} naming the last event it got, and is disconnected; it can resume from there. One that
 * does not even take that event within a heartbeat interval (it stopped reading) has its connection closed.
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
    private static final SseFrame CONNECTED = SseFrame.comment("connected");
    private static final SseFrame HEARTBEAT = SseFrame.comment("heartbeat");

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

    public Flux<SseFrame> open(StreamFilter filter, StreamScope scope, Start start) {
        Predicate<FeedEvent> wanted = e -> scope.allows(e.event(), e.scopeUnitIds()) && filter.matches(e.event(), e.unitPath());
        return Flux.defer(() -> {
            var lastId = new AtomicReference<String>();
            Sinks.Empty<Void> overflowed = Sinks.empty();
            Flux<SseFrame> events = events(wanted, start)
                    .doOnNext(sse -> {
                        if (sse.id() != null) {
                            lastId.set(sse.id());
                        }
                    })
                    .onErrorResume(Exceptions::isOverflow, overflow -> {
                        overflowed.tryEmitEmpty();
                        return Flux.just(overflowEvent(lastId.get()));
                    });
            Flux<SseFrame> heartbeats = Flux.interval(heartbeat)
                    .onBackpressureDrop() // a heartbeat nobody can take now is not worth keeping
                    .map(tick -> HEARTBEAT);
            // a client that stopped reading cannot take even the overflow event: a heartbeat interval later the stream
            // fails instead, which closes its connection and gives its slot back. Timed out here, at the end, because
            // the merge takes frames ahead of the client's demand: an overflow event in its queue is not yet delivered
            Mono<SseFrame> stalled = overflowed.asMono().then(Mono.delay(heartbeat)).then(Mono.error(() ->
                    new TimeoutException("The subscriber did not take the overflow event within " + heartbeat)));
            return Flux.concat(Flux.just(CONNECTED), Flux.merge(events, heartbeats, stalled)) // CONNECTED sends the headers now
                    .takeUntil(sse -> OVERFLOW.equals(sse.event()));
        });
    }

    private Flux<SseFrame> events(Predicate<FeedEvent> wanted, Start start) {
        if (start instanceof Start.After after) {
            return resumed(after.seq(), wanted);
        }
        var waiting = new Waiting(bufferSize);
        Flux<SseFrame> now = waiting.cutOffWhenFull(
                waiting.taken(feed.filter(wanted).filter(waiting::arrived).onBackpressureBuffer()).map(FeedEvent::frame));
        return start instanceof Start.Unknown unknown
                ? Flux.concat(Flux.just(resetEvent(unknown.lastEventId())), now)
                : now;
    }

    private Flux<SseFrame> resumed(long after, Predicate<FeedEvent> wanted) {
        // the live feed goes into this subscriber's bounded buffer from this moment, before the journal is read
        var waiting = new Waiting(bufferSize);
        Sinks.Many<FeedEvent> buffer = Sinks.many().unicast().onBackpressureBuffer();
        Disposable live = feed.filter(wanted).subscribe(event -> {
            if (waiting.arrived(event)) { // past the limit nothing more is kept, even while the journal is replayed
                buffer.tryEmitNext(event);
            }
        }, buffer::tryEmitError, buffer::tryEmitComplete);
        long upTo = journal.lastSeq();
        Flux<SseFrame> rest = waiting.taken(buffer.asFlux())
                .filter(e -> e.seq() == FeedEvent.UNJOURNALED || e.seq() > upTo)
                .map(FeedEvent::frame);
        // cut off also while the journal is replayed: a client that stalls there must not keep its slot
        return waiting.cutOffWhenFull(Flux.concat(replay(after, upTo, wanted), rest)).doFinally(signal -> live.dispose());
    }

    /** The journal's events numbered after {@code after} up to {@code upTo}, read in batches as the client takes them. */
    private Flux<SseFrame> replay(long after, long upTo, Predicate<FeedEvent> wanted) {
        return Flux.<List<SseFrame>, Long>generate(() -> after, (from, sink) -> {
            if (from >= upTo) {
                sink.complete();
                return from;
            }
            long to = Math.min(upTo, from + REPLAY_BATCH);
            List<FeedEvent> batch = journal.read(from, to, REPLAY_BATCH);
            var out = new ArrayList<SseFrame>(batch.size() + 1);
            if (batch.size() < to - from) {
                // numbers the journal could not record (it was down) or has dropped: say so rather than skip quietly
                out.add(resetEvent(null));
            }
            batch.stream().filter(wanted).map(FeedEvent::frame).forEach(out::add);
            sink.next(out);
            return to;
        }).subscribeOn(Schedulers.boundedElastic()).concatMapIterable(batch -> batch);
    }

    /**
     * One subscriber's events waiting to be written: the first past {@code limit} ends its stream at once with an
     * overflow error. (Reactor's bounded buffers signal their overflow only after the buffer has drained, which a
     * client that stopped reading never lets happen: it would keep its connection and slot forever.)
     */
    private static final class Waiting {

        private final int limit;
        private final AtomicInteger count = new AtomicInteger();
        private final Sinks.One<Boolean> full = Sinks.one();
        private volatile boolean overflowed;

        Waiting(int limit) {
            this.limit = limit;
        }

        /** Counts an event in; false (the event is not to be kept) once the subscriber has overflowed. */
        boolean arrived(FeedEvent event) {
            if (overflowed) {
                return false;
            }
            if (count.incrementAndGet() > limit) {
                overflowed = true;
                full.tryEmitValue(true);
                return false;
            }
            return true;
        }

        /** The kept events as the client takes them: each one taken no longer counts. */
        <T> Flux<T> taken(Flux<T> kept) {
            return kept.doOnNext(event -> count.decrementAndGet());
        }

        /** The stream, ended with an overflow error as soon as the count passes the limit, whether the client reads or not. */
        <T> Flux<T> cutOffWhenFull(Flux<T> stream) {
            return stream.takeUntilOther(full.asMono())
                    .concatWith(Mono.defer(() -> overflowed ? Mono.error(Exceptions.failWithOverflow()) : Mono.empty()));
        }
    }

    private static SseFrame overflowEvent(String lastEventId) {
        return control(OVERFLOW, "This subscriber fell too far behind and was disconnected; reconnect with "
                + "Last-Event-ID to continue after the last event it got", lastEventId);
    }

    private static SseFrame resetEvent(String lastEventId) {
        return control(RESET, "Some events before this point are no longer kept (older than the retention) and "
                + "cannot be replayed; reload the state you show, then follow the events from here", lastEventId);
    }

    private static SseFrame control(String event, String detail, String lastEventId) {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("detail", detail);
        data.put("lastEventId", lastEventId);
        return SseFrame.event(null, event, JSON.writeValueAsString(data));
    }
}
