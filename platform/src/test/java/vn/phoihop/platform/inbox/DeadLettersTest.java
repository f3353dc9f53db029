package vn.phoihop.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import vn.phoihop.events.MalformedEventException;

/** A dead letter is published, logged at ERROR with where it came from, and counted; the line holds no quoted value. */
@ExtendWith(OutputCaptureExtension.class)
class DeadLettersTest {

    static final String EVENT = """
            {"specversion":"1.0","id":"evt-42","source":"/unit-service","type":"activity.submitted.v1","data":{}}""";

    @Test
    @SuppressWarnings("unchecked")
    void aDeadLetterIsPublishedLoggedAndCounted(CapturedOutput output) {
        KafkaTemplate<String, String> template = mock(KafkaTemplate.class);
        var sent = new java.util.ArrayList<ProducerRecord<String, String>>();
        when(template.send(any(ProducerRecord.class))).thenAnswer(call -> {
            ProducerRecord<String, String> record = call.getArgument(0);
            sent.add(record);
            return CompletableFuture.completedFuture(new SendResult<>(record,
                    new RecordMetadata(new TopicPartition(record.topic(), 0), 7, 0, 0, 0, 0)));
        });
        var meters = new SimpleMeterRegistry();
        var deadLetters = new DeadLetters(template, meters);

        deadLetters.accept(new ConsumerRecord<>("activities", 2, 41, "act-1", EVENT), null,
                new MalformedEventException("activity act-1: metric attendees must be a number, not 1.7E+308", null));

        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("activities.dlt");
            assertThat(r.value()).isEqualTo(EVENT);
        });
        assertThat(meters.counter(DeadLetters.METER, "topic", "activities").count()).isEqualTo(1.0);
        assertThat(output.getAll().lines().filter(l -> l.contains("ERROR") && l.contains("Dead-lettered")))
                .singleElement().asString()
                .contains("activities-2@41", "event evt-42, activity.submitted.v1", "activities.dlt",
                        "metric attendees must be a number, not 1.7E+308");
    }

    @Test
    void theReasonKeepsNoQuotedValueAndTheLineNamesWhatIsNoEvent() {
        var decoding = new MalformedEventException("not a CloudEvent: cannot read \"0912 345 678\" as a date",
                new IllegalArgumentException("Unexpected token 'Nguyen' at 1"));
        assertThat(DeadLetters.reason(new RuntimeException("wrapper", decoding)))
                .isEqualTo("MalformedEventException: not a CloudEvent: cannot read \"…\" as a date");
        assertThat(DeadLetters.reason(new IllegalStateException("Timed out after 'x' ms\n at db")))
                .isEqualTo("IllegalStateException: Timed out after '…' ms at db");
        assertThat(DeadLetters.reason(new IllegalStateException("x".repeat(1000)))).hasSizeLessThan(320);
        assertThat(DeadLetters.event("not json")).isEqualTo("not a CloudEvent");
        assertThat(DeadLetters.event(null)).isEqualTo("no value");
    }
}
