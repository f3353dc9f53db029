package vn.phoihop.platform;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.audit.AuditConfiguration;
import vn.phoihop.platform.inbox.ConsumerErrors;
import vn.phoihop.platform.inbox.DeadLetters;
import vn.phoihop.platform.inbox.ProcessedEvents;
import vn.phoihop.platform.mongo.MongoDatabaseConfig;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.platform.outbox.OutboxRelay;
import vn.phoihop.platform.security.FirewallRefusals;
import vn.phoihop.platform.security.ResourceServerSecurity;
import vn.phoihop.platform.web.ConnectorProblems;
import vn.phoihop.platform.web.ParameterEncoding;
import vn.phoihop.platform.web.ProblemAdvice;
import vn.phoihop.platform.web.BodySizeLimit;
import vn.phoihop.platform.web.RequestIdFilter;
import vn.phoihop.platform.web.StrictJson;

/**
 * What every service gets by depending on this module. It runs before Spring Boot's security
 * auto-configuration so that our filter chain replaces Boot's default one instead of competing with it.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@Import({MongoDatabaseConfig.class, AuditConfiguration.class, ResourceServerSecurity.class, vn.phoihop.platform.security.CallerWebConfig.class, ProblemAdvice.class, vn.phoihop.platform.web.OpenApiConfig.class,
        StrictJson.class})
public class PlatformAutoConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventCodec eventCodec(@Value("${spring.application.name}") String service, Clock clock) {
        return new EventCodec("/" + service, clock);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        return RequestIdFilter.registration();
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(@Value("${phoihop.web.max-body-bytes:1048576}") long maxBytes) {
        return BodySizeLimit.registration(maxBytes);
    }

    @Bean
    FilterRegistrationBean<ParameterEncoding> parameterEncoding() {
        return ParameterEncoding.registration();
    }

    @Bean
    ConnectorProblems connectorProblems() {
        return new ConnectorProblems();
    }

    @Bean
    FirewallRefusals firewallRefusals() {
        return new FirewallRefusals();
    }

    @Bean
    OutboxRelay outboxRelay(MongoDatabase database, KafkaTemplate<String, String> kafka,
            @Value("${phoihop.outbox.sweep-every:10s}") Duration sweepEvery) {
        return new OutboxRelay(database, kafka, sweepEvery);
    }

    @Bean
    Outbox outbox(MongoDatabase database, OutboxRelay relay) {
        return new Outbox(database, relay);
    }

    @Bean
    ProcessedEvents processedEvents(MongoDatabase database) {
        return new ProcessedEvents(database);
    }

    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, String> kafka, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetters(kafka, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(DeadLetters deadLetters) {
        return ConsumerErrors.deadLettering(deadLetters);
    }

    @Bean
    RecordInterceptor<Object, Object> requestIdRecordInterceptor() {
        return ConsumerErrors.requestIdInLogs();
    }

    @Bean
    KafkaAdmin.NewTopics phoihopTopics(@Value("${phoihop.kafka.partitions:3}") int partitions,
            @Value("${phoihop.kafka.replication-factor:1}") short replicas) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.UNITS, partitions, replicas), topic(Topics.ACTIVITIES, partitions, replicas),
                topic(Topics.PROGRAMS, partitions, replicas),
                deadLetterTopic(Topics.UNITS, replicas), deadLetterTopic(Topics.ACTIVITIES, replicas),
                deadLetterTopic(Topics.PROGRAMS, replicas));
    }

    private static NewTopic topic(String name, int partitions, short replicas) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas).build();
    }

    /** Kept until replayed, however long the cause takes to fix: a broker's default would drop it after 7 days. */
    private static NewTopic deadLetterTopic(String topic, short replicas) {
        return TopicBuilder.name(Topics.deadLetter(topic)).partitions(1).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }
}
