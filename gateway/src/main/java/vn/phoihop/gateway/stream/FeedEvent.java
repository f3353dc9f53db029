package vn.phoihop.gateway.stream;

import vn.phoihop.events.CloudEvent;

/**
 * An event as read from Kafka: decoded for filtering, and the JSON exactly as produced, so the stream
 * passes on extension attributes that this gateway's version of the envelope does not know yet.
 *
 * @param seq its place in this gateway's journal (1, 2, 3... in the order the feed delivered events), or
 *            {@link #UNJOURNALED} when the journal could not record it (it is delivered live but cannot be resumed from)
 */
public record FeedEvent(CloudEvent event, String json, long seq) {

    public static final long UNJOURNALED = -1;

    public FeedEvent withSeq(long newSeq) {
        return new FeedEvent(event, json, newSeq);
    }
}
