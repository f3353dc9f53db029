package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    @Test
    void stoppingEndsOpenStreamsAndAFeedStartedAgainServesNewOnes() {
        var feed = new EventFeed("127.0.0.1:1", List.of("activities"),
                new StreamProperties(null, 0, 0, (short) 0, null, 0, null, null), new InMemoryJournal());
        var streams = feed.events(); // taken once, as EventStreams does
        feed.start();
        var first = new AtomicBoolean();
        streams.subscribe(e -> { }, e -> { }, () -> first.set(true));
        feed.stop();
        assertThat(first).as("a stop ends the open streams").isTrue();

        feed.start(); // a paused context is started again
        try {
            var second = new AtomicBoolean();
            streams.subscribe(e -> { }, e -> { }, () -> second.set(true));
            assertThat(second).as("a stream opened after the restart stays open").isFalse();
        } finally {
            feed.stop();
        }
    }
}
