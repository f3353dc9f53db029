package vn.phoihop.gateway.stream;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.phoihop.events.Topics;

@Configuration(proxyBeanMethods = false)
class StreamConfig {

    /**
     * The journal sits between Kafka and every subscriber: a MongoDB that does not answer must fail a write in
     * seconds (the events then go out unjournaled), not hold the live stream for the driver's default 30 s.
     */
    @Bean
    MongoClientSettingsBuilderCustomizer journalTimeouts() {
        return settings -> settings
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS));
    }

    @Bean
    Journal streamJournal(MongoClient mongo, @Value("${spring.mongodb.database:gateway}") String database,
            StreamProperties properties) {
        return new MongoJournal(mongo.getDatabase(database), properties.journalCollection(),
                properties.journalRetention(), Clock.systemUTC());
    }

    @Bean
    EventFeed eventFeed(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, StreamProperties properties,
            Journal journal) {
        return new EventFeed(bootstrapServers, List.of(Topics.UNITS, Topics.ACTIVITIES, Topics.PROGRAMS), properties,
                journal);
    }

    @Bean
    EventStreams eventStreams(EventFeed feed, StreamProperties properties) {
        return new EventStreams(feed.events(), feed.journal(), properties.heartbeat(), properties.bufferSize());
    }

    @Bean
    UnitDirectory unitDirectory(@Value("${UNIT_SERVICE_URI:http://localhost:8081}") String unitServiceUri) {
        return new UnitDirectory(unitServiceUri);
    }

    @Bean
    ConnectionLimits streamConnectionLimits(StreamProperties properties) {
        return new ConnectionLimits(properties.maxConnectionsPerPrincipal());
    }
}
