package vn.phoihop.gateway.stream;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;

/**
 * What a subscriber asked for. Blank means "any".
 *
 * @param types event type names, e.g. {@code activity.submitted.v1}
 * @param programId the event's {@code programid}
 * @param unitId a unit: events of it or of any unit below it (its id is in the event's unit path)
 */
public record StreamFilter(Set<String> types, String programId, String unitId) {

    public StreamFilter {
        types = Set.copyOf(types);
        programId = blankToNull(programId);
        unitId = blankToNull(unitId);
    }

    /**
     * @throws UnknownEventTypesException when a type name is not one the system publishes, or more names are given
     *                                    than there are types
     */
    public static StreamFilter parse(String types, String programId, String unitId) {
        List<String> given = types == null ? List.of() : Arrays.stream(types.split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
        List<String> known = EventTypes.ALL.stream().map(EventType::name).toList();
        if (given.size() > known.size()) { // nothing of it is echoed: the answer stays small whatever was sent
            throw new UnknownEventTypesException("types lists at most " + known.size() + " event types, not "
                    + given.size() + ". Known types: " + String.join(", ", known));
        }
        Set<String> names = new LinkedHashSet<>(given);
        List<String> unknown = names.stream().filter(name -> EventTypes.byName(name).isEmpty())
                .map(name -> name.length() > 60 ? name.substring(0, 60) + "…" : name).toList();
        if (!unknown.isEmpty()) {
            throw new UnknownEventTypesException(unknown, known);
        }
        return new StreamFilter(names, programId, unitId);
    }

    public boolean matches(CloudEvent event) {
        return matches(event, event.unitPath());
    }

    /** The same, with the event's {@link CloudEvent#unitPath()} worked out once for every subscriber. */
    public boolean matches(CloudEvent event, List<String> unitPath) {
        return (types.isEmpty() || types.contains(event.type()))
                && (programId == null || programId.equals(event.programid()))
                && (unitId == null || unitPath.contains(unitId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A 400 for the subscriber, naming the types it may ask for. */
    public static final class UnknownEventTypesException extends IllegalArgumentException {

        public UnknownEventTypesException(List<String> unknown, List<String> known) {
            this("Unknown event types: " + String.join(", ", unknown) + ". Known types: " + String.join(", ", known));
        }

        UnknownEventTypesException(String message) {
            super(message);
        }
    }
}
