package vn.phoihop.gateway.stream;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.phoihop.events.Topics;

@Configuration(proxyBeanMethods = false)
class StreamConfig {

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
