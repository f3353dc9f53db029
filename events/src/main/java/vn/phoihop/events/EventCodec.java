package vn.phoihop.events;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Builds, encodes and decodes CloudEvents. Thread-safe. */
public final class EventCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer producers may add fields
            // figures stay exact decimals in the data tree, never doubles: 0.1 is 0.1 and 1e309 is not infinity
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
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
        return create(type, subject, key, programId, unitPath, List.of(), data);
    }

    /**
     * As above, for an event that also concerns other units: {@code otherUnits} are their ids with their ancestors
     * (co-units of a joint activity, enrolled units of a program...). They travel in {@code unitscope}, with the
     * unit path, so unit-scoped readers see the event; {@code unitscope} stays absent when they add nothing.
     */
    public <T> CloudEvent create(EventType<T> type, String subject, String key, String programId,
            List<String> unitPath, Collection<String> otherUnits, T data) {
        String unitId = unitPath.isEmpty() ? null : unitPath.get(unitPath.size() - 1);
        String ancestors = unitPath.size() < 2 ? null : String.join(",", unitPath.subList(0, unitPath.size() - 1));
        var scope = new LinkedHashSet<>(unitPath);
        scope.addAll(otherUnits);
        String unitScope = scope.size() == unitPath.size() ? null : String.join(",", scope);
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(), subject,
                clock.instant(), "application/json", key, programId, unitId, ancestors, unitScope,
                // through its text, so the tree is the one a consumer decodes (a decimal 1 reads back as an integer)
                JSON.readTree(JSON.writeValueAsString(data)));
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
