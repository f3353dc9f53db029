package vn.phoihop.gateway.stream;

import java.util.List;
import java.util.Set;
import vn.phoihop.events.CloudEvent;

/**
 * An event as read from Kafka: decoded for filtering, and the JSON exactly as produced, so the stream passes on
 * extension attributes that this gateway's version of the envelope does not know yet. What every subscriber's
 * filter and connection need of it (its unit ids, its SSE bytes) is worked out once here, not once per subscriber.
 */
public final class FeedEvent {

    public static final long UNJOURNALED = -1;

    private final CloudEvent event;
    private final String json;
    private final long seq;
    private final SseFrame frame;
    private final Set<String> scopeUnitIds;
    private final List<String> unitPath;

    /**
     * @param seq its place in this gateway's journal (1, 2, 3... in the order the feed delivered events), or
     *            {@link #UNJOURNALED} when the journal could not record it (it is delivered live but cannot be resumed from)
     */
    public FeedEvent(CloudEvent event, String json, long seq) {
        this(event, json, seq, SseFrame.event(event.id(), event.type(), json), event.scopeUnitIds(), event.unitPath());
    }

    private FeedEvent(CloudEvent event, String json, long seq, SseFrame frame, Set<String> scopeUnitIds,
            List<String> unitPath) {
        this.event = event;
        this.json = json;
        this.seq = seq;
        this.frame = frame;
        this.scopeUnitIds = scopeUnitIds;
        this.unitPath = unitPath;
    }

    public FeedEvent withSeq(long newSeq) {
        return new FeedEvent(event, json, newSeq, frame, scopeUnitIds, unitPath);
    }

    public CloudEvent event() {
        return event;
    }

    public String json() {
        return json;
    }

    public long seq() {
        return seq;
    }

    /** Its SSE message, encoded once for every subscriber. */
    public SseFrame frame() {
        return frame;
    }

    /** {@link CloudEvent#scopeUnitIds()}, computed once. */
    public Set<String> scopeUnitIds() {
        return scopeUnitIds;
    }

    /** {@link CloudEvent#unitPath()}, computed once. */
    public List<String> unitPath() {
        return unitPath;
    }

    @Override
    public String toString() {
        return "FeedEvent[" + event.type() + " " + event.id() + " #" + seq + "]";
    }
}
