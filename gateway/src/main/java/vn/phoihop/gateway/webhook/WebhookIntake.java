package vn.phoihop.gateway.webhook;

import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.MalformedEventException;

/**
 * Turns each event on the topics into one queued delivery per webhook that wants it. The consumer group commits
 * an offset only after the deliveries are stored, so a gateway that stops in between reads the event again, and
 * {@link DeliveryStore#enqueue} makes that a no-op: every event reaches every webhook once, none is lost.
 */
class WebhookIntake {

    static final String GROUP = "phoihop-gateway-webhooks";
    private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final Runnable stored;

    /** @param stored told after an event's deliveries are stored (the dispatcher takes them at once) */
    WebhookIntake(WebhookStore webhooks, DeliveryStore deliveries, Clock clock, Runnable stored) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.clock = clock;
        this.stored = stored;
    }

    @KafkaListener(id = GROUP, groupId = "${phoihop.webhooks.consumer-group:" + GROUP + "}", topics = {"units", "activities", "programs"},
            autoStartup = "${phoihop.webhooks.enabled:true}")
    void accept(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        CloudEvent event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            log.warn("Webhooks skipped an undecodable event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        boolean any = false;
        for (Webhook webhook : webhooks.all()) {
            if (webhook.wants(event)) {
                deliveries.enqueue(webhook, event, record.value(), clock.instant());
                any = true;
            }
        }
        if (any) {
            stored.run();
        }
    }
}
