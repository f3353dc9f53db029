package vn.phoihop.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.member.MemberAdded;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.events.unit.UnitMerged;
import vn.phoihop.events.unit.UnitMoved;
import vn.phoihop.events.unit.UnitRenamed;

/** Every event type the system publishes. Changes are additive; a breaking change is a new version. */
public final class EventTypes {

    public static final EventType<UnitCreated> UNIT_CREATED =
            new EventType<>("unit.created.v1", Topics.UNITS, UnitCreated.class);
    public static final EventType<UnitRenamed> UNIT_RENAMED =
            new EventType<>("unit.renamed.v1", Topics.UNITS, UnitRenamed.class);
    public static final EventType<UnitMoved> UNIT_MOVED =
            new EventType<>("unit.moved.v1", Topics.UNITS, UnitMoved.class);
    public static final EventType<UnitMerged> UNIT_MERGED =
            new EventType<>("unit.merged.v1", Topics.UNITS, UnitMerged.class);

    /** A member joined a unit; carries no personal data. Key: the unit id. */
    public static final EventType<MemberAdded> MEMBER_ADDED =
            new EventType<>("member.added.v1", Topics.UNITS, MemberAdded.class);

    public static final EventType<ProgramState> PROGRAM_CREATED =
            new EventType<>("program.created.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_ACTIVATED =
            new EventType<>("program.activated.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_INDICATOR_ADDED =
            new EventType<>("program.indicator-added.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_SUSPENDED =
            new EventType<>("program.suspended.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_RESUMED =
            new EventType<>("program.resumed.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_CONCLUDED =
            new EventType<>("program.concluded.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_TARGET_SET =
            new EventType<>("program.target-set.v1", Topics.PROGRAMS, ProgramState.class);
    public static final EventType<ProgramState> PROGRAM_UNIT_ENROLLED =
            new EventType<>("program.unit-enrolled.v1", Topics.PROGRAMS, ProgramState.class);

    /**
     * The progress of a program at a unit (and its ancestors) may have changed: refetch it. Published by program-service's
     * progress projector, at most one per program and unit per batch of activity events. Key: the program id.
     */
    public static final EventType<ProgressChanged> PROGRESS_CHANGED =
            new EventType<>("progress.changed.v1", Topics.PROGRAMS, ProgressChanged.class);

    /** Every activity event carries the whole {@link ActivityState}. Key: the activity id, so its events stay in order. */
    public static final EventType<ActivityState> ACTIVITY_SUBMITTED =
            new EventType<>("activity.submitted.v1", Topics.ACTIVITIES, ActivityState.class);
    public static final EventType<ActivityState> ACTIVITY_CONFIRMED =
            new EventType<>("activity.confirmed.v1", Topics.ACTIVITIES, ActivityState.class);
    public static final EventType<ActivityState> ACTIVITY_REJECTED =
            new EventType<>("activity.rejected.v1", Topics.ACTIVITIES, ActivityState.class);
    public static final EventType<ActivityState> ACTIVITY_CORRECTED =
            new EventType<>("activity.corrected.v1", Topics.ACTIVITIES, ActivityState.class);

    public static final List<EventType<?>> ALL = List.of(
            UNIT_CREATED, UNIT_RENAMED, UNIT_MOVED, UNIT_MERGED, PROGRAM_CREATED, PROGRAM_ACTIVATED, PROGRAM_INDICATOR_ADDED,
            PROGRAM_SUSPENDED, PROGRAM_RESUMED, PROGRAM_CONCLUDED, PROGRAM_TARGET_SET, PROGRAM_UNIT_ENROLLED, ACTIVITY_SUBMITTED,
            ACTIVITY_CONFIRMED, ACTIVITY_REJECTED, ACTIVITY_CORRECTED, MEMBER_ADDED, PROGRESS_CHANGED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {
    }

    /** True for the types whose data is a whole {@link ProgramState}. */
    public static boolean carriesProgramState(String name) {
        return byName(name).map(t -> t.dataClass() == ProgramState.class).orElse(false);
    }

    /** True for the types whose data is a whole {@link ActivityState}. */
    public static boolean carriesActivityState(String name) {
        return byName(name).map(t -> t.dataClass() == ActivityState.class).orElse(false);
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
