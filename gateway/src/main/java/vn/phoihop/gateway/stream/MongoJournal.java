package vn.phoihop.gateway.stream;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import vn.phoihop.events.EventCodec;

/**
 * The journal in MongoDB: {@code <collection>} holds one document per event ({@code _id} the CloudEvent id,
 * {@code seq} unique, {@code json}, {@code at}), {@code <collection>_feed} one document with the last number and the
 * feed's positions. Every read is by {@code _id} or by the unique {@code seq}, the lookups every MongoDB (also the
 * embedded one) serves from an index. A TTL index on {@code at} drops events after the retention on real MongoDB.
 */
final class MongoJournal implements Journal {

    private static final String FEED = "feed";

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> feed;
    private final Duration retention;
    private final Clock clock;
    private volatile long lastSeq;
    private volatile Map<TopicPartition, Long> positions = Map.of();

    MongoJournal(MongoDatabase database, String collection, Duration retention, Clock clock) {
        this.events = database.getCollection(collection);
        this.feed = database.getCollection(collection + "_feed");
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void open() {
        events.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(retention.toSeconds(), TimeUnit.SECONDS));
        Document state = feed.find(eq("_id", FEED)).first();
        long seq = state == null ? 0 : state.getLong("seq");
        // events recorded just before a crash, without the state that follows them: count them in
        while (events.find(eq("seq", seq + 1)).projection(Projections.include("_id")).first() != null) {
            seq++;
        }
        lastSeq = seq;
        positions = state == null ? Map.of() : decode(state.get("positions", Document.class));
    }

    @Override
    public List<FeedEvent> append(List<FeedEvent> batch, Map<TopicPartition, Long> nextPositions) {
        var known = new HashSet<String>();
        if (!batch.isEmpty()) {
            events.find(in("_id", batch.stream().map(e -> e.event().id()).toList()))
                    .projection(Projections.include("_id"))
                    .forEach(d -> known.add(d.getString("_id")));
        }
        long seq = lastSeq;
        var recorded = new ArrayList<FeedEvent>();
        var documents = new ArrayList<Document>();
        Date now = Date.from(clock.instant());
        for (FeedEvent event : batch) {
            if (known.add(event.event().id())) {
                FeedEvent numbered = event.withSeq(++seq);
                recorded.add(numbered);
                documents.add(new Document("_id", event.event().id()).append("seq", seq).append("at", now)
                        .append("json", event.json()));
            }
        }
        try {
            if (!documents.isEmpty()) {
                events.insertMany(documents);
            }
            feed.replaceOne(eq("_id", FEED), new Document("_id", FEED).append("seq", seq)
                    .append("positions", encode(nextPositions)), new ReplaceOptions().upsert(true));
        } finally {
            lastSeq = seq; // numbers are never reused, even after a failed write: a reader sees a gap, not a mix-up
        }
        positions = Map.copyOf(nextPositions);
        return recorded;
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public Map<TopicPartition, Long> positions() {
        return positions;
    }

    @Override
    public Optional<Long> seqOf(String eventId) {
        return Optional.ofNullable(events.find(eq("_id", eventId)).projection(Projections.include("seq")).first())
                .map(d -> d.getLong("seq"));
    }

    @Override
    public List<FeedEvent> read(long after, long upTo, int max) {
        long last = Math.min(upTo, after + max);
        if (last <= after) {
            return List.of();
        }
        var found = new ArrayList<FeedEvent>();
        events.find(in("seq", LongStream.rangeClosed(after + 1, last).boxed().toList())).forEach(d -> {
            String json = d.getString("json");
            found.add(new FeedEvent(EventCodec.decode(json), json, d.getLong("seq")));
        });
        found.sort(Comparator.comparingLong(FeedEvent::seq));
        return found;
    }

    private static Document encode(Map<TopicPartition, Long> positions) {
        var document = new Document();
        positions.forEach((partition, offset) -> document.append(partition.topic() + "-" + partition.partition(), offset));
        return document;
    }

    private static Map<TopicPartition, Long> decode(Document document) {
        var positions = new HashMap<TopicPartition, Long>();
        if (document != null) {
            document.forEach((key, offset) -> {
                int dash = key.lastIndexOf('-');
                positions.put(new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1))),
                        ((Number) offset).longValue());
            });
        }
        return Map.copyOf(positions);
    }
}
