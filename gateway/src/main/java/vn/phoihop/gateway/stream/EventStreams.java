package vn.phoihop.gateway.stream;

import java.time.Duration;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;

/**
 * One subscriber's stream: the shared feed narrowed by its filter, as SSE events, with heartbeats.
 *
 * <p>Each subscriber buffers on its own, up to {@code bufferSize} events: the feed thread only appends
 * to that buffer, so a slow client never holds up the others. One that falls further behind gets a
 * final {@code event: overflow} and is disconnected; it can reconnect.
 *
 * <p>Seam for later issues: resuming from {@code Last-Event-ID} (replay from Kafka before joining the
 * live feed) and limiting events to the caller's unit scope (a second predicate from the token) both
 * go into {@link #open}, in front of the live feed.
 */
public final class EventStreams {

    static final String OVERFLOW = "overflow";

    private final Flux<FeedEvent> feed;
    private final Duration heartbeat;
    private final int bufferSize;

    public EventStreams(Flux<FeedEvent> feed, Duration heartbeat, int bufferSize) {
        this.feed = feed;
        this.heartbeat = heartbeat;
        this.bufferSize = bufferSize;
    }

    public Flux<ServerSentEvent<String>> open(StreamFilter filter) {
        Flux<ServerSentEvent<String>> events = feed
                .filter(event -> filter.matches(event.event()))
                .onBackpressureBuffer(bufferSize, dropped -> { }, BufferOverflowStrategy.ERROR)
                .map(EventStreams::toSse)
                .onErrorResume(Exceptions::isOverflow, overflow -> Flux.just(overflowEvent()));
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(heartbeat)
                .onBackpressureDrop() // a heartbeat nobody can take now is not worth keeping
                .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
        return Flux.concat(
                Flux.just(ServerSentEvent.<String>builder().comment("connected").build()), // flushes headers now
                events.mergeWith(heartbeats).takeUntil(sse -> OVERFLOW.equals(sse.event())));
    }

    static ServerSentEvent<String> toSse(FeedEvent event) {
        return ServerSentEvent.<String>builder()
                .id(event.event().id())
                .event(event.event().type())
                .data(event.json())
                .build();
    }

    private static ServerSentEvent<String> overflowEvent() {
        return ServerSentEvent.<String>builder()
                .event(OVERFLOW)
                .data("{\"detail\":\"This subscriber fell too far behind and was disconnected; reconnect to continue\"}")
                .build();
    }
}
