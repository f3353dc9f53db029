package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;

class SseFrameTest {

    private static String text(SseFrame frame) {
        return new String(frame.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsItsIdNameAndDataThenABlankLine() {
        assertThat(text(SseFrame.event("e-1", "activity.submitted.v1", "{\"a\":\"Phường An Hòa\"}")))
                .isEqualTo("id:e-1\nevent:activity.submitted.v1\ndata:{\"a\":\"Phường An Hòa\"}\n\n");
    }

    @Test
    void dataOverSeveralLinesIsSeveralDataLinesSoNoLineCanForgeAField() {
        assertThat(text(SseFrame.event(null, "reset", "one\nid:forged\r\nthree\rfour")))
                .isEqualTo("event:reset\ndata:one\ndata:id:forged\ndata:three\ndata:four\n\n");
    }

    @Test
    void aCommentIsAColonLine() {
        assertThat(text(SseFrame.comment("connected"))).isEqualTo(":connected\n\n");
    }

    @Test
    void aFeedEventIsEncodedOnceAndKeepsItsFrameWhenNumbered() {
        var codec = new EventCodec("/test", Clock.systemUTC());
        var event = codec.create(EventTypes.ACTIVITY_SUBMITTED, "act-1", "act-1", "prg", List.of("root", "u"),
                new ActivityState("act-1", 1, "prg", "u", List.of("root"), List.of(), "PATROL", LocalDate.of(2026, 8, 19),
                        Map.of("patrols", java.math.BigDecimal.ONE), "SUBMITTED", true));
        var fed = new FeedEvent(event, EventCodec.encode(event), FeedEvent.UNJOURNALED);

        assertThat(text(fed.frame())).isEqualTo("id:" + event.id() + "\nevent:activity.submitted.v1\ndata:" + fed.json() + "\n\n");
        assertThat(fed.withSeq(7).frame().bytes()).isSameAs(fed.frame().bytes());
        assertThat(fed.scopeUnitIds()).isEqualTo(event.scopeUnitIds());
        assertThat(fed.unitPath()).isEqualTo(event.unitPath());
    }
}
