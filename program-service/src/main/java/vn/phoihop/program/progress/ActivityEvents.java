package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.activity.Figures;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Indicator;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;

/** Reads activity events off the wire and checks them against the programs before anything is written. */
@Component
public class ActivityEvents {

    private final ProgramCatalog programs;
    // programs are never deleted and indicators only added: a cached one is read again only when it lacks an indicator
    private final Map<String, Program> known = new ConcurrentHashMap<>();

    ActivityEvents(ProgramCatalog programs) {
        this.programs = programs;
    }

    /**
     * An event as the read models take it: {@code activity} with its SUM metrics only, {@code latest} its LATEST
     * metrics (null when its program has no LATEST indicator: the latest-value model has nothing to do), {@code time}
     * when this version was logged (ties between reports of one date go to the later-logged).
     */
    public record ActivityEvent(String eventId, ActivityState activity, Instant time, Map<String, BigDecimal> latest) {

        public ActivityEvent(String eventId, ActivityState activity) {
            this(eventId, activity, null, null);
        }
    }

    /**
     * The event's activity state, or empty for a type this consumer does not use (types are added over time).
     *
     * @throws vn.phoihop.events.MalformedEventException when it cannot be decoded or applied
     */
    public Optional<ActivityEvent> read(String json) {
        CloudEvent event = EventCodec.decode(json);
        if (!EventTypes.carriesActivityState(event.type())) {
            return Optional.empty();
        }
        ActivityState activity = EventCodec.data(event, ActivityState.class);
        Program program = check(activity);
        if (program.indicators().stream().noneMatch(i -> i.aggregation() == Aggregation.LATEST)) {
            return Optional.of(new ActivityEvent(event.id(), activity, event.time(), null));
        }
        // the activity id names the activity's entry in the latest-value reports: a plain id, never a field path
        if (!activity.activityId().matches(Ids.PATTERN)) {
            throw new UnusableActivityEvent(activity.activityId(), "activityId must match " + Ids.PATTERN);
        }
        var sums = new LinkedHashMap<String, BigDecimal>();
        var latest = new LinkedHashMap<String, BigDecimal>();
        activity.metrics().forEach((code, value) -> (aggregation(program, code) == Aggregation.SUM ? sums : latest)
                .put(code, value));
        return Optional.of(new ActivityEvent(event.id(), withMetrics(activity, sums), event.time(), latest));
    }

    private static Aggregation aggregation(Program program, String code) {
        return program.indicator(code).map(Indicator::aggregation).orElse(null);
    }

    private static ActivityState withMetrics(ActivityState a, Map<String, BigDecimal> metrics) {
        return new ActivityState(a.activityId(), a.revision(), a.programId(), a.unitId(), a.ancestorIds(), a.coUnitIds(),
                a.type(), a.occurredOn(), Map.copyOf(metrics), a.status(), a.counts(), a.version(), a.reason());
    }

    private Program check(ActivityState a) {
        String id = a.activityId();
        if (blank(id) || blank(a.programId()) || blank(a.unitId()) || a.occurredOn() == null || a.metrics() == null
                || a.ancestorIds() == null || a.ancestorIds().stream().anyMatch(ActivityEvents::blank)) {
            throw new UnusableActivityEvent(id, "activityId, programId, unitId, ancestorIds, occurredOn and metrics are required");
        }
        if (a.version() < 1) {
            throw new UnusableActivityEvent(id, "version must be at least 1, not " + a.version());
        }
        Program program = program(a);
        a.metrics().forEach((code, value) -> {
            if (aggregation(program, code) != Aggregation.SUM && aggregation(program, code) != Aggregation.LATEST) {
                throw new UnusableActivityEvent(id, "metric " + code + " is not a SUM or LATEST indicator of program "
                        + program.id());
            }
            // checked before anything is written: a figure out of bounds could not be added up exactly
            if (!Figures.allowed(value)) {
                throw new UnusableActivityEvent(id, "metric " + code + " " + Figures.RULE + ", not " + value);
            }
        });
        return program;
    }

    private Program program(ActivityState a) {
        Program cached = known.get(a.programId());
        if (cached != null && a.metrics().keySet().stream().allMatch(code -> cached.indicator(code).isPresent())) {
            return cached;
        }
        Program program = programs.find(a.programId())
                .orElseThrow(() -> new UnusableActivityEvent(a.activityId(), "program " + a.programId() + " is unknown"));
        known.put(program.id(), program);
        return program;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
