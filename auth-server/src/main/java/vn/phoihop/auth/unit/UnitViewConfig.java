package vn.phoihop.auth.unit;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.inbox.ConsumerErrors;
import vn.phoihop.platform.inbox.DeadLetters;

/**
 * auth-server's view of the unit tree (ADR 0010), fed from the {@code units} topic as program-service's is. The topic
 * is declared here too, as every service declares the topics it uses, so a consumer started before unit-service
 * finds it. An event that cannot be read goes to {@code units.dlt}, as in the services.
 */
@Configuration(proxyBeanMethods = false)
class UnitViewConfig {

    @Bean
    UnitPlaces unitPlaces(MongoDatabase database) {
        return new UnitPlaces(database);
    }

    @Bean
    UnitTree unitTree(UnitPlaces places) {
        return new UnitTree(places);
    }

    @Bean
    UnitEventsListener unitEventsListener(UnitPlaces places) {
        return new UnitEventsListener(places);
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> kafka, ObjectProvider<MeterRegistry> meters) {
        return ConsumerErrors.deadLettering(new DeadLetters(kafka, meters.getIfAvailable(() -> Metrics.globalRegistry)));
    }

    @Bean
    KafkaAdmin.NewTopics unitTopics(@Value("${phoihop.kafka.partitions:3}") int partitions,
            @Value("${phoihop.kafka.replication-factor:1}") short replicas) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.UNITS).partitions(partitions).replicas(replicas).build(),
                TopicBuilder.name(Topics.deadLetter(Topics.UNITS)).partitions(1).replicas(replicas).build());
    }
}
