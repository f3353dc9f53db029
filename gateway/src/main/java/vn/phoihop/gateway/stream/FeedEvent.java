package vn.phoihop.gateway.stream;

import vn.phoihop.events.CloudEvent;

/**
 * An event as read from Kafka: decoded for filtering, and the JSON exactly as produced, so the stream
 * passes on extension attributes that this gateway's version of the envelope does not know yet.
 */
public record FeedEvent(CloudEvent event, String json) {
}
