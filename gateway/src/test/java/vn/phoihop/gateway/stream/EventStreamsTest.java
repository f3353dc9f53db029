package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;

class EventStreamsTest {

    private static final EventCodec CODEC = new EventCodec("/test", Clock.systemUTC());
    private static final StreamFilter ALL = StreamFilter.parse(null, null, null);

    private final Sinks.Many<FeedEvent> feed = Sinks.many().multicast().directBestEffort();

    private static FeedEvent activity(int n) {
        var event = CODEC.create(EventTypes.ACTIVITY_SUBMITTED, "act-" + n, "act-" + n, "prg", List.of("root", "u"),
                new ActivityState("act-" + n, 1, "prg", "u", List.of("root"), List.of(), "PATROL",
                        LocalDate.of(2026, 8, 19), Map.of("patrols", 1.0), "SUBMITTED", true));
        return new FeedEvent(event, EventCodec.encode(event));
    }

    @Test
    void eachEventCarriesTheCloudEventIdTypeAndJson() {
        var streams = new EventStreams(feed.asFlux(), Duration.ofHours(1), 10);
        var received = new CopyOnWriteArrayList<ServerSentEvent<String>>();
        streams.open(ALL).subscribe(received::add);

        FeedEvent event = activity(1);
        feed.tryEmitNext(event);

        assertThat(received).hasSize(2);
        assertThat(received.get(0).comment()).isEqualTo("connected");
        assertThat(received.get(1).id()).isEqualTo(event.event().id());
        assertThat(received.get(1).event()).isEqualTo("activity.submitted.v1");
        assertThat(received.get(1).data()).isEqualTo(event.json());
    }

    @Test
    void filteredOutEventsAreNotSent() {
        var streams = new EventStreams(feed.asFlux(), Duration.ofHours(1), 10);
        var received = new CopyOnWriteArrayList<ServerSentEvent<String>>();
        streams.open(StreamFilter.parse("unit.created.v1", null, null)).subscribe(received::add);

        feed.tryEmitNext(activity(1));

        assertThat(received).extracting(ServerSentEvent::event).containsOnlyNulls(); // just the comment
    }

    @Test
    void idleStreamGetsHeartbeats() {
        var streams = new EventStreams(feed.asFlux(), Duration.ofMillis(50), 10);
        var received = new CopyOnWriteArrayList<ServerSentEvent<String>>();
        var subscription = streams.open(ALL).subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> received.stream().filter(sse -> "heartbeat".equals(sse.comment())).count() >= 2);
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aSubscriberThatFallsBehindGetsOverflowAndIsDroppedWhileOthersGetEverything() {
        var streams = new EventStreams(feed.asFlux(), Duration.ofHours(1), 5);
        var fast = new CopyOnWriteArrayList<ServerSentEvent<String>>();
        streams.open(ALL).subscribe(fast::add);
        var slow = new Manual();
        streams.open(ALL).subscribe(slow);

        for (int i = 0; i < 200; i++) {
            assertThat(feed.tryEmitNext(activity(i)).isSuccess()).isTrue();
        }
        slow.request(1_000);

        assertThat(fast).hasSize(201); // connected + every event, unaffected by the slow one
        assertThat(slow.completed).isTrue();
        assertThat(slow.received.get(slow.received.size() - 1).event()).isEqualTo("overflow");
        assertThat(slow.received.size()).isLessThan(100);
        assertThat(feed.currentSubscriberCount()).as("the slow one left the feed").isEqualTo(1);
    }

    /** Takes nothing after the first line until told: a client whose connection stalled. */
    private static final class Manual extends BaseSubscriber<ServerSentEvent<String>> {

        final List<ServerSentEvent<String>> received = new CopyOnWriteArrayList<>();
        volatile boolean completed;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(1); // the "connected" comment, as a server writes the headers, then nothing
        }

        @Override
        protected void hookOnNext(ServerSentEvent<String> value) {
            received.add(value);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }
    }
}
