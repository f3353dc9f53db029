package vn.phoihop.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.phoihop.events.activity.ActivitySubmitted;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.events.unit.UnitCreated;

/** Every event type the system publishes. Changes are additive; a breaking change is a new version. */
public final class EventTypes {

    public static final EventType<UnitCreated> UNIT_CREATED =
            new EventType<>("unit.created.v1", Topics.UNITS, UnitCreated.class);

    public static final EventType<ProgramState> PROGRAM_CREATED =
            new EventType<>("program.created.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_ACTIVATED =
            new EventType<>("program.activated.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_INDICATOR_ADDED =
            new EventType<>("program.indicator-added.v1", Topics.PROGRAMS, ProgramState.class);

    public static final EventType<ActivitySubmitted> ACTIVITY_SUBMITTED =
            new EventType<>("activity.submitted.v1", Topics.ACTIVITIES, ActivitySubmitted.class);

    public static final List<EventType<?>> ALL = List.of(
            UNIT_CREATED, PROGRAM_CREATED, PROGRAM_ACTIVATED, PROGRAM_INDICATOR_ADDED, ACTIVITY_SUBMITTED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {
    }

    /** True for the types whose data is a whole {@link ProgramState}. */
    public static boolean carriesProgramState(String name) {
        return byName(name).map(t -> t.dataClass() == ProgramState.class).orElse(false);
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
