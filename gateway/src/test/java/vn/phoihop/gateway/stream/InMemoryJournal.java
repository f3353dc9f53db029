package vn.phoihop.gateway.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.TopicPartition;

/** The journal's contract without MongoDB, for the stream's unit tests. */
final class InMemoryJournal implements Journal {

    private final ConcurrentSkipListMap<Long, FeedEvent> bySeq = new ConcurrentSkipListMap<>();
    private volatile long lastSeq;

    @Override
    public void open() {
    }

    @Override
    public synchronized List<FeedEvent> append(List<FeedEvent> events, Map<TopicPartition, Long> nextPositions) {
        var recorded = new ArrayList<FeedEvent>();
        for (FeedEvent event : events) {
            if (seqOf(event.event().id()).isEmpty()) {
                FeedEvent numbered = event.withSeq(lastSeq + 1);
                bySeq.put(numbered.seq(), numbered);
                lastSeq = numbered.seq();
                recorded.add(numbered);
            }
        }
        return recorded;
    }

    /** Forgets the oldest events, as the retention does. */
    void dropUpTo(long seq) {
        bySeq.headMap(seq, true).clear();
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public Map<TopicPartition, Long> positions() {
        return Map.of();
    }

    @Override
    public Optional<Long> seqOf(String eventId) {
        return bySeq.values().stream().filter(e -> e.event().id().equals(eventId)).map(FeedEvent::seq).findFirst();
    }

    @Override
    public List<FeedEvent> read(long after, long upTo, int max) {
        return List.copyOf(bySeq.subMap(after, false, Math.min(upTo, after + max), true).values());
    }
}
