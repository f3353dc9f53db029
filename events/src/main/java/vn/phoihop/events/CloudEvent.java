package vn.phoihop.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, as it travels on every topic.
 *
 * <p>Besides the required attributes it carries extension attributes that consumers filter on
 * without parsing {@code data}: {@code partitionkey} (the Kafka key, so one aggregate's events stay
 * in order), {@code programid}, {@code unitid} and {@code ancestorids} (the unit's ancestors, root
 * first, comma-separated because extension values must be scalars), and {@code unitscope} when the event concerns
 * more units than {@code unitid} (a joint activity's co-units, a program's enrolled units, a moved unit's old place):
 * every unit it concerns with their ancestors, comma-separated. Unit-scoped readers (the live stream) go by
 * {@link #scopeUnitIds()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String partitionkey,
        String programid,
        String unitid,
        String ancestorids,
        String unitscope,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    /** The unit's ancestors and the unit itself, root first; empty when the event has no unit. */
    public List<String> unitPath() {
        if (unitid == null) {
            return List.of();
        }
        if (ancestorids == null || ancestorids.isEmpty()) {
            return List.of(unitid);
        }
        var path = new java.util.ArrayList<>(List.of(ancestorids.split(",")));
        path.add(unitid);
        return List.copyOf(path);
    }

    /**
     * Every unit the event concerns, with their ancestors: {@link #unitPath()} plus {@code unitscope}. A principal bound
     * to unit U may see the event iff U is among them (the event concerns U or a unit below it).
     */
    public java.util.Set<String> scopeUnitIds() {
        var ids = new java.util.LinkedHashSet<>(unitPath());
        if (unitscope != null && !unitscope.isEmpty()) {
            ids.addAll(List.of(unitscope.split(",")));
        }
        return java.util.Collections.unmodifiableSet(ids);
    }
}
