package vn.phoihop.events;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds, encodes and decodes CloudEvents. Thread-safe. */
public final class EventCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer producers may add fields
            .build();

    private final String source;
    private final Clock clock;

    /** @param source the producing service, e.g. {@code /unit-service} */
    public EventCodec(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** A new event with a fresh id. {@code unitPath} is the unit's ancestors then the unit, root first. */
    public <T> CloudEvent create(EventType<T> type, String subject, String key, String programId,
            List<String> unitPath, T data) {
        String unitId = unitPath.isEmpty() ? null : unitPath.get(unitPath.size() - 1);
        String ancestors = unitPath.size() < 2 ? null : String.join(",", unitPath.subList(0, unitPath.size() - 1));
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(), subject,
                clock.instant(), "application/json", key, programId, unitId, ancestors, JSON.valueToTree(data));
    }

    public static String encode(CloudEvent event) {
        return JSON.writeValueAsString(event);
    }

    /** @throws MalformedEventException when the text is not a CloudEvent */
    public static CloudEvent decode(String json) {
        try {
            return JSON.readValue(json, CloudEvent.class);
        } catch (JacksonException | NullPointerException e) {
            throw new MalformedEventException("not a CloudEvent: " + e.getMessage(), e);
        }
    }

    /** @throws MalformedEventException when {@code data} does not match the type's record */
    public static <T> T data(CloudEvent event, EventType<T> type) {
        if (!type.name().equals(event.type())) {
            throw new MalformedEventException("expected " + type.name() + " but got " + event.type(), null);
        }
        return data(event, type.dataClass());
    }

    /** For consumers that treat several types alike (every {@code program.*} carries a ProgramState). */
    public static <T> T data(CloudEvent event, Class<T> dataClass) {
        try {
            return JSON.treeToValue(event.data(), dataClass);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("bad data for " + event.type() + ": " + e.getMessage(), e);
        }
    }
}
