package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class EventFeedHealthIndicatorTest {

    @Test
    void downUntilTheFeedReadsKafka() {
        var feed = new EventFeed("127.0.0.1:1", List.of("activities"),
                new StreamProperties(null, 0, 0, (short) 0, null, 0, null, null), new InMemoryJournal());
        assertThat(new EventFeedHealthIndicator(feed).health().getStatus()).isEqualTo(Status.DOWN);
    }
}
