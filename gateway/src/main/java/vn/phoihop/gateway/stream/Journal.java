package vn.phoihop.gateway.stream;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * What this gateway's feed delivered, in the order it delivered it: each event gets the next sequence number,
 * and a {@code Last-Event-ID} maps to its number, so a reconnecting subscriber gets exactly what came after.
 * The feed's Kafka positions are kept with it, so a restarted gateway goes on where it stopped. Blocking: call it
 * from the feed thread or a bounded-elastic worker, never from the event loop. See ADR 0007.
 */
public interface Journal {

    /** Loads the last sequence number and positions; the feed calls it before it consumes. */
    void open();

    /**
     * Records the events not recorded yet (by CloudEvent id: a record published twice is delivered once), each with
     * the next sequence number, then the positions to read from next. Returns the recorded events, numbered.
     */
    List<FeedEvent> append(List<FeedEvent> events, Map<TopicPartition, Long> nextPositions);

    /** The number of the last recorded event, 0 before the first. */
    long lastSeq();

    /** Where to go on from, per partition, as last recorded; empty for a new journal. */
    Map<TopicPartition, Long> positions();

    /** The number of the event with this id, if it is still journaled. */
    Optional<Long> seqOf(String eventId);

    /** Up to {@code max} events numbered after {@code after} and at most {@code upTo}, in order. */
    List<FeedEvent> read(long after, long upTo, int max);
}
