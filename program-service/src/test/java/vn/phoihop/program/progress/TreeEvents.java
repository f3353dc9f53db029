package vn.phoihop.program.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.events.unit.UnitMerged;
import vn.phoihop.events.unit.UnitRenamed;
import vn.phoihop.program.TestFigures;


/**
 * Unit and activity events on the real topics, as unit-service publishes them: a tree of units with each unit's path
 * root first, activities logged under the path their unit had then, merges carrying each source's path on its last day.
 */
final class TreeEvents {

    static final LocalDate LONG_AGO = LocalDate.of(2004, 1, 1);

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec events = new EventCodec("/unit-service", Clock.systemUTC());
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final java.util.HashMap<String, List<String>> paths = new java.util.HashMap<>();

    TreeEvents(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    /** This run's id for a unit named {@code name}, so test classes sharing the broker never meet. */
    String id(String name) {
        return name + "-" + run;
    }

    /** Creates {@code name} under {@code parent} (null: a root) from {@code on}; answers its id. */
    String unit(String name, String parent, LocalDate on) throws Exception {
        String id = id(name);
        List<String> ancestors = parent == null ? List.of() : path(id(parent));
        paths.put(id, with(ancestors, id));
        send(id, events.create(EventTypes.UNIT_CREATED, id, id, null, paths.get(id),
                new UnitCreated(id, "code-" + id, "Đơn vị " + name, "COMMUNE", ancestors.isEmpty() ? null : ancestors.get(ancestors.size() - 1),
                        ancestors, on)));
        return id;
    }

    /** Ends every source on {@code on} with {@code target} as successor: one event per source, as unit-service does. */
    void merge(LocalDate on, String target, String... sources) throws Exception {
        List<String> sourceIds = java.util.Arrays.stream(sources).map(this::id).toList();
        for (String source : sourceIds) {
            send(source, events.create(EventTypes.UNIT_MERGED, source, source, null, paths.get(source),
                    new UnitMerged(source, sourceIds, id(target), on)));
        }
    }

    /** Renames a unit: an event behind every earlier one of the unit, to know when those were read. */
    void rename(String name, String newName) throws Exception {
        String id = id(name);
        send(id, events.create(EventTypes.UNIT_RENAMED, id, id, null, paths.get(id),
                new UnitRenamed(id, "code-" + id, newName, "code-" + id, "Đơn vị " + name)));
    }

    /** Logs a counted activity of {@code name}, under the path the unit has now. */
    void activity(String program, String name, LocalDate on, Map<String, ? extends Number> metrics) throws Exception {
        String unit = id(name);
        String activity = UUID.randomUUID().toString();
        List<String> path = path(unit);
        var state = new ActivityState(activity, 1, program, unit, path.subList(0, path.size() - 1), List.of(), "MEETING", on,
                TestFigures.of(metrics), "SUBMITTED", true);
        kafka.send(Topics.ACTIVITIES, activity, EventCodec.encode(events.create(EventTypes.ACTIVITY_SUBMITTED, activity,
                activity, program, path, state))).get();
    }

    /** Sends a raw value under a unit's key, as a faulty producer might. */
    void sendRaw(String name, String value) throws Exception {
        kafka.send(Topics.UNITS, id(name), value).get();
    }

    private List<String> path(String id) {
        return paths.get(id);
    }

    private void send(String key, CloudEvent event) throws Exception {
        kafka.send(Topics.UNITS, key, EventCodec.encode(event)).get();
    }

    private static List<String> with(List<String> ancestors, String id) {
        var path = new ArrayList<>(ancestors);
        path.add(id);
        return List.copyOf(path);
    }
}
