package vn.phoihop.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** Correlation ids: the header, the MDC key, and which client-supplied values are trusted. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** Kafka header name; lower case as is usual for Kafka headers. */
    public static final String KAFKA_HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";

    // Anything else could forge log lines or carry markup; it is replaced, not rejected.
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String supplied) {
        return supplied != null && SAFE.matcher(supplied).matches() ? supplied : UUID.randomUUID().toString();
    }

    /** The id of the request or event being handled on this thread, or {@code null}. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
