package vn.phoihop.platform.inbox;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.MDC;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.FixedBackOff;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.platform.web.RequestIds;

/** How every listener fails and logs: a few retries, then the dead-letter topic with the reason. */
public final class ConsumerErrors {

    private ConsumerErrors() {
    }

    /**
     * Retries 3 times a second apart, then publishes to {@code <topic>.dlt} ({@link DeadLetters}: logged at ERROR and
     * counted); malformed events go at once.
     */
    public static DefaultErrorHandler deadLettering(DeadLetters deadLetters) {
        var handler = new DefaultErrorHandler(deadLetters, new FixedBackOff(1000, 3));
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    // Object, Object: the type Spring Boot's listener factory asks for
    /** Puts the event's correlation id into the MDC while a listener handles it. */
    public static RecordInterceptor<Object, Object> requestIdInLogs() {
        return new RecordInterceptor<>() {
            @Override
            public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
                    Consumer<Object, Object> consumer) {
                Header header = record.headers().lastHeader(RequestIds.KAFKA_HEADER);
                if (header != null) {
                    MDC.put(RequestIds.MDC_KEY, RequestIds.acceptOrCreate(new String(header.value(), StandardCharsets.UTF_8)));
                }
                return record;
            }

            @Override
            public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
                MDC.remove(RequestIds.MDC_KEY);
            }
        };
    }
}
