package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;

class EventStreamsTest {

    private static final EventCodec CODEC = new EventCodec("/test", Clock.systemUTC());
    private static final StreamFilter ALL = StreamFilter.parse(null, null, null);
    private static final EventStreams.Start NOW = EventStreams.Start.NOW;

    private final Sinks.Many<FeedEvent> feed = Sinks.many().multicast().directBestEffort();
    private final InMemoryJournal journal = new InMemoryJournal();

    private static FeedEvent activity(int n) {
        return activity(n, "u");
    }

    private static FeedEvent activity(int n, String unit) {
        var event = CODEC.create(EventTypes.ACTIVITY_SUBMITTED, "act-" + n, "act-" + n, "prg", List.of("root", unit),
                new ActivityState("act-" + n, 1, "prg", unit, List.of("root"), List.of(), "PATROL",
                        LocalDate.of(2026, 8, 19), Map.of("patrols", java.math.BigDecimal.ONE), "SUBMITTED", true));
        return new FeedEvent(event, EventCodec.encode(event), FeedEvent.UNJOURNALED);
    }

    private EventStreams streams(Duration heartbeat, int bufferSize) {
        return new EventStreams(feed.asFlux(), journal, heartbeat, bufferSize);
    }

    /** What the feed does: journal first, then deliver. */
    private List<FeedEvent> deliver(FeedEvent... events) {
        List<FeedEvent> recorded = journal.append(List.of(events), Map.of());
        recorded.forEach(feed::tryEmitNext); // with nobody subscribed yet, nobody gets them live
        return recorded;
    }

    @Test
    void eachEventCarriesTheCloudEventIdTypeAndJson() {
        var received = new CopyOnWriteArrayList<SseFrame>();
        streams(Duration.ofHours(1), 10).open(ALL, StreamScope.NATIONAL, NOW).subscribe(received::add);

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
        var received = new CopyOnWriteArrayList<SseFrame>();
        streams(Duration.ofHours(1), 10).open(StreamFilter.parse("unit.created.v1", null, null), StreamScope.NATIONAL,
                NOW).subscribe(received::add);

        feed.tryEmitNext(activity(1));

        assertThat(received).extracting(SseFrame::event).containsOnlyNulls(); // just the comment
    }

    @Test
    void eventsOutsideTheCallersScopeAreNotSent() {
        var received = new CopyOnWriteArrayList<SseFrame>();
        streams(Duration.ofHours(1), 10).open(ALL, StreamScope.of("commune-a", List.of("root")), NOW)
                .subscribe(received::add);

        FeedEvent mine = activity(1, "commune-a");
        feed.tryEmitNext(activity(2, "commune-b"));
        feed.tryEmitNext(mine);

        assertThat(received).filteredOn(sse -> sse.id() != null).extracting(SseFrame::id)
                .containsExactly(mine.event().id());
    }

    @Test
    void idleStreamGetsHeartbeats() {
        var received = new CopyOnWriteArrayList<SseFrame>();
        var subscription = streams(Duration.ofMillis(50), 10).open(ALL, StreamScope.NATIONAL, NOW)
                .subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> received.stream().filter(sse -> "heartbeat".equals(sse.comment())).count() >= 2);
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void aSubscriberThatFallsBehindGetsOverflowWithItsLastIdAndIsDroppedWhileOthersGetEverything() {
        var streams = streams(Duration.ofHours(1), 5);
        var fast = new CopyOnWriteArrayList<SseFrame>();
        streams.open(ALL, StreamScope.NATIONAL, NOW).subscribe(fast::add);
        var slow = new Manual(2); // the comment and one event, then it stalls
        streams.open(ALL, StreamScope.NATIONAL, NOW).subscribe(slow);

        var sent = new ArrayList<FeedEvent>();
        for (int i = 0; i < 200; i++) {
            sent.add(activity(i));
            assertThat(feed.tryEmitNext(sent.get(i)).isSuccess()).isTrue();
        }
        slow.request(1_000);

        assertThat(fast).hasSize(201); // connected + every event, unaffected by the slow one
        assertThat(slow.completed).isTrue();
        SseFrame last = slow.received.get(slow.received.size() - 1);
        assertThat(last.event()).isEqualTo("overflow");
        String lastDelivered = slow.received.get(slow.received.size() - 2).id();
        assertThat(last.data()).contains("\"lastEventId\":\"" + lastDelivered + "\"");
        assertThat(slow.received.size()).isLessThan(100);
        assertThat(feed.currentSubscriberCount()).as("the slow one left the feed").isEqualTo(1);
    }

    @Test
    void aSubscriberThatNeverTakesTheOverflowEventIsFailedAfterAHeartbeatInterval() {
        var stalled = new Manual(2);
        streams(Duration.ofMillis(300), 5).open(ALL, StreamScope.NATIONAL, NOW).subscribe(stalled);

        for (int i = 0; i < 50; i++) {
            feed.tryEmitNext(activity(i));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.failed != null); // ~2 s idle; far more on a loaded machine
        assertThat(stalled.failed).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(stalled.received).hasSize(2);
        assertThat(feed.currentSubscriberCount()).as("it left the feed").isZero();
    }

    @Test
    void aResumingSubscriberThatStallsInTheReplayIsCutOffOnceItsLiveBufferIsFull() {
        List<FeedEvent> before = deliver(activity(0), activity(1), activity(2));
        var stalled = new Manual(2); // the comment and one frame, then it stalls with a replayed event still to take
        streams(Duration.ofSeconds(2), 5).open(ALL, StreamScope.NATIONAL, new EventStreams.Start.After(before.get(0).seq()))
                .subscribe(stalled);
        // the replay runs on another thread: live events delivered before it started would fill the buffer first and
        // end the stream with an overflow the client takes, which is not the stall this test is about
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.received.size() == 2);

        for (int i = 3; i < 50; i++) {
            deliver(activity(i)); // journaled, then live: into its buffer while it has not taken the replay
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.failed != null); // ~2 s idle; far more on a loaded machine
        assertThat(stalled.failed).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(stalled.received.get(0).comment()).isEqualTo("connected");
        assertThat(stalled.received).filteredOn(sse -> sse.id() != null).extracting(SseFrame::id)
                .as("nothing live got past the replay").isSubsetOf(before.get(1).event().id());
        assertThat(feed.currentSubscriberCount()).as("it left the feed").isZero();
    }

    @Test
    void resumingReplaysWhatCameAfterTheLastIdThenGoesLiveInOrderWithNothingTwice() {
        var streams = streams(Duration.ofHours(1), 100);
        List<FeedEvent> before = deliver(IntStream.range(0, 5).mapToObj(EventStreamsTest::activity)
                .toArray(FeedEvent[]::new));
        // journaled but not yet delivered when the subscriber comes back: it must come once, from the journal
        List<FeedEvent> inFlight = journal.append(List.of(activity(5)), Map.of());

        var received = new CopyOnWriteArrayList<SseFrame>();
        streams.open(ALL, StreamScope.NATIONAL, new EventStreams.Start.After(before.get(1).seq()))
                .subscribe(received::add);
        inFlight.forEach(feed::tryEmitNext);
        List<FeedEvent> after = deliver(activity(6), activity(7));

        var expected = new ArrayList<String>();
        before.subList(2, 5).forEach(e -> expected.add(e.event().id()));
        expected.add(inFlight.get(0).event().id());
        after.forEach(e -> expected.add(e.event().id()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
                .filteredOn(sse -> sse.id() != null).extracting(SseFrame::id).containsExactlyElementsOf(expected));
    }

    @Test
    void aRecordPublishedTwiceIsJournaledAndDeliveredOnce() {
        FeedEvent event = activity(1);
        assertThat(journal.append(List.of(event, event), Map.of())).hasSize(1);
        assertThat(journal.append(List.of(event), Map.of())).isEmpty();
    }

    @Test
    void anIdNoLongerJournaledGetsResetThenLiveEvents() {
        var received = new CopyOnWriteArrayList<SseFrame>();
        streams(Duration.ofHours(1), 10).open(ALL, StreamScope.NATIONAL, new EventStreams.Start.Unknown("gone-1"))
                .subscribe(received::add);
        List<FeedEvent> live = deliver(activity(1));

        assertThat(received).extracting(SseFrame::event).containsExactly(null, "reset", "activity.submitted.v1");
        assertThat(received.get(1).data()).contains("\"lastEventId\":\"gone-1\"");
        assertThat(received.get(2).id()).isEqualTo(live.get(0).event().id());
    }

    @Test
    void aGapInTheJournalIsReportedAsReset() {
        var streams = streams(Duration.ofHours(1), 10);
        List<FeedEvent> before = deliver(activity(0), activity(1), activity(2), activity(3));
        journal.dropUpTo(before.get(2).seq()); // events 1..3 no longer kept

        var received = new CopyOnWriteArrayList<SseFrame>();
        streams.open(ALL, StreamScope.NATIONAL, new EventStreams.Start.After(before.get(0).seq())).subscribe(received::add);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
                .extracting(SseFrame::event).containsExactly(null, "reset", "activity.submitted.v1"));
        assertThat(received.get(2).id()).isEqualTo(before.get(3).event().id());
    }

    @Test
    void aSubscriberLeavingDuringTheReplayLeavesTheFeed() {
        deliver(activity(0), activity(1));
        var client = new Manual(1);
        streams(Duration.ofHours(1), 10).open(ALL, StreamScope.NATIONAL, new EventStreams.Start.After(0)).subscribe(client);
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.currentSubscriberCount() == 1);
        client.dispose();
        assertThat(feed.currentSubscriberCount()).isZero();
    }

    /** Takes {@code initial} items, then nothing until told: a client whose connection stalled. */
    private static final class Manual extends BaseSubscriber<SseFrame> {

        final List<SseFrame> received = new CopyOnWriteArrayList<>();
        final int initial;
        volatile boolean completed;
        volatile Throwable failed;

        Manual(int initial) {
            this.initial = initial;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(initial); // the "connected" comment, as a server writes the headers, then maybe one event
        }

        @Override
        protected void hookOnNext(SseFrame value) {
            received.add(value);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }

        @Override
        protected void hookOnError(Throwable error) {
            failed = error;
        }
    }
}
