package vn.phoihop.gateway.webhook;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** Webhooks' parts, over database {@code gateway} ({@code spring.mongodb.database}) and the topics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfig {

    @Bean
    Clock webhookClock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoDatabase gatewayDatabase(MongoClient client, @Value("${spring.mongodb.database:gateway}") String name) {
        return client.getDatabase(name);
    }

    @Bean
    WebhookStore webhookStore(MongoDatabase gatewayDatabase, Clock webhookClock) {
        return new WebhookStore(gatewayDatabase, webhookClock);
    }

    @Bean
    DeliveryStore deliveryStore(MongoDatabase gatewayDatabase) {
        return new DeliveryStore(gatewayDatabase);
    }

    @Bean
    TargetPolicy targetPolicy(WebhookProperties properties) {
        return new TargetPolicy(properties.allowHttp(), properties.allowPrivateNetworks());
    }

    @Bean
    Sender webhookSender(TargetPolicy policy, WebhookProperties properties, Clock webhookClock) {
        return new Sender(policy, properties, webhookClock);
    }

    @Bean
    Dispatcher webhookDispatcher(DeliveryStore deliveries, WebhookStore webhooks, Sender sender,
            WebhookProperties properties, Clock webhookClock) {
        return new Dispatcher(deliveries, webhooks, sender, properties, webhookClock);
    }

    @Bean
    WebhookIntake webhookIntake(WebhookStore webhooks, DeliveryStore deliveries, Clock webhookClock,
            Dispatcher webhookDispatcher) {
        return new WebhookIntake(webhooks, deliveries, webhookClock, webhookDispatcher::nudge);
    }


    /**
     * An event the intake cannot store (MongoDB away) is retried until it can, never skipped: the partition waits,
     * and its offset is not committed. Undecodable events are no failure: the intake skips them itself.
     */
    @Bean
    DefaultErrorHandler webhookIntakeErrors() {
        return new DefaultErrorHandler(new FixedBackOff(1_000, FixedBackOff.UNLIMITED_ATTEMPTS));
    }
}
