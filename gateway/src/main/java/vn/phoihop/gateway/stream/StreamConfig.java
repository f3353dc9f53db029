package vn.phoihop.gateway.stream;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.phoihop.events.Topics;

@Configuration(proxyBeanMethods = false)
class StreamConfig {

    @Bean
    EventFeed eventFeed(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, StreamProperties properties) {
        return new EventFeed(bootstrapServers, List.of(Topics.UNITS, Topics.ACTIVITIES, Topics.PROGRAMS), properties);
    }

    @Bean
    EventStreams eventStreams(EventFeed feed, StreamProperties properties) {
        return new EventStreams(feed.events(), properties.heartbeat(), properties.bufferSize());
    }
}
