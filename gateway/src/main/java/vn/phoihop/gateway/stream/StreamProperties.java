package vn.phoihop.gateway.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live stream, {@code phoihop.stream.*}.
 *
 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it open
 * @param bufferSize events a subscriber may lag behind before it gets {@code overflow} and is dropped
 * @param partitions partitions of each topic the gateway creates when it is missing
 * @param replicationFactor replication of those topics (1 on the embedded broker, 3 in production)
 * @param metadataMaxAge how soon the consumer notices new topics and partitions
 * @param maxConnectionsPerPrincipal open streams one token subject may hold; one more is a 429
 * @param journalCollection the MongoDB collection of this gateway's journal (one per gateway instance)
 * @param journalRetention how long journaled events stay resumable; match the topics' retention
 */
@ConfigurationProperties("phoihop.stream")
public record StreamProperties(Duration heartbeat, int bufferSize, int partitions, short replicationFactor,
        Duration metadataMaxAge, int maxConnectionsPerPrincipal, String journalCollection, Duration journalRetention) {

    public StreamProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        bufferSize = bufferSize <= 0 ? 1000 : bufferSize;
        partitions = partitions <= 0 ? 3 : partitions;
        replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
        metadataMaxAge = metadataMaxAge == null ? Duration.ofSeconds(5) : metadataMaxAge;
        maxConnectionsPerPrincipal = maxConnectionsPerPrincipal <= 0 ? 50 : maxConnectionsPerPrincipal;
        journalCollection = journalCollection == null || journalCollection.isBlank() ? "stream_journal" : journalCollection;
        journalRetention = journalRetention == null ? Duration.ofDays(7) : journalRetention;
    }
}
