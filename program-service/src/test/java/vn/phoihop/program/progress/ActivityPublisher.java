package vn.phoihop.program.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.program.TestFigures;


/**
 * Publishes activity events straight to the {@code activities} topic as unit-service would: keyed by activity id,
 * each event carrying the whole state and the next version.
 */
final class ActivityPublisher {

    static final String CAN_THO = "u-can-tho";

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec = new EventCodec("/unit-service", Clock.systemUTC());
    private final List<CompletableFuture<SendResult<String, String>>> pending = new ArrayList<>();

    ActivityPublisher(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    /** One activity through its life; each step publishes its event and returns it. */
    final class Activity {
        final String id = UUID.randomUUID().toString();
        private ActivityState state;

        private Activity(ActivityState first) {
            this.state = first;
        }

        CloudEvent confirm() {
            return next(EventTypes.ACTIVITY_CONFIRMED, state.revision(), state.metrics(), "CONFIRMED", true, null);
        }

        CloudEvent reject(String reason) {
            return next(EventTypes.ACTIVITY_REJECTED, state.revision(), state.metrics(), "REJECTED", false, reason);
        }

        /**
         * A correction by the logging agency: an activity without co-units keeps counting; a joint one awaits its
         * co-units' confirmation of the new figures, counted or not before.
         */
        CloudEvent correct(Map<String, ? extends Number> metrics) {
            boolean joint = !state.coUnitIds().isEmpty();
            return next(EventTypes.ACTIVITY_CORRECTED, state.revision() + 1, figures(metrics),
                    joint ? "AWAITING_CONFIRMATION" : state.status(), !joint && state.counts(),
                    "Đếm lại theo danh sách ký tên");
        }

        ActivityState state() {
            return state;
        }

        private CloudEvent next(EventType<ActivityState> type, int revision, Map<String, BigDecimal> metrics, String status,
                boolean counts, String reason) {
            var s = state;
            state = new ActivityState(s.activityId(), revision, s.programId(), s.unitId(), s.ancestorIds(), s.coUnitIds(),
                    s.type(), s.occurredOn(), metrics, status, counts, s.version() + 1, reason);
            return publish(type, state);
        }
    }

    /** The next version of {@code s} with corrected figures, not published. */
    static ActivityState corrected(ActivityState s, Map<String, ? extends Number> metrics) {
        return new ActivityState(s.activityId(), s.revision() + 1, s.programId(), s.unitId(), s.ancestorIds(),
                s.coUnitIds(), s.type(), s.occurredOn(), figures(metrics), s.status(), s.counts(), s.version() + 1, "Sửa số liệu");
    }

    /** The next version of {@code s}, confirmed (counts) or rejected (does not), not published. */
    static ActivityState decided(ActivityState s, boolean confirmed) {
        return new ActivityState(s.activityId(), s.revision(), s.programId(), s.unitId(), s.ancestorIds(), s.coUnitIds(),
                s.type(), s.occurredOn(), s.metrics(), confirmed ? "CONFIRMED" : "REJECTED", confirmed, s.version() + 1,
                confirmed ? null : "Không đúng thực tế");
    }

    /** Submits an activity of a commune of Cần Thơ; a joint one (with a co-unit) awaits confirmation. */
    Activity submit(String program, String commune, LocalDate on, Map<String, ? extends Number> metrics, boolean joint) {
        return submit(program, commune, "PROPAGANDA_SESSION", on, metrics, joint);
    }

    Activity submit(String program, String commune, String type, LocalDate on, Map<String, ? extends Number> metrics,
            boolean joint) {
        var ancestors = commune.equals(CAN_THO) ? List.<String>of() : List.of(CAN_THO);
        var coUnits = joint ? List.of("u-mttq-" + commune.substring(2)) : List.<String>of();
        var activity = new Activity(null);
        activity.state = new ActivityState(activity.id, 1, program, commune, ancestors, coUnits, type, on,
                figures(metrics), joint ? "AWAITING_CONFIRMATION" : "SUBMITTED", !joint);
        publish(EventTypes.ACTIVITY_SUBMITTED, activity.state);
        return activity;
    }

    /** Figures as events carry them, exact decimals: {@code 5.0} is 5.0, {@code 0.1} is 0.1. */
    static Map<String, BigDecimal> figures(Map<String, ? extends Number> values) {
        return TestFigures.of(values);
    }

    CloudEvent publish(EventType<ActivityState> type, ActivityState state) {
        var path = new ArrayList<>(state.ancestorIds());
        path.add(state.unitId());
        CloudEvent event = codec.create(type, state.activityId(), state.activityId(), state.programId(), path, state);
        send(state.activityId(), EventCodec.encode(event));
        return event;
    }

    /** Sends any text under a key, as a faulty producer might. */
    void send(String key, String value) {
        pending.add(kafka.send(Topics.ACTIVITIES, key, value));
    }

    /** Waits until every event sent so far is on the topic. */
    void flush() throws Exception {
        kafka.flush();
        for (var sent : pending) {
            sent.get();
        }
        pending.clear();
    }

    /** The same record delivered again, e.g. after a crash before the offset commit. */
    static ConsumerRecord<String, String> again(ConsumerRecord<String, String> r, long offset) {
        return new ConsumerRecord<>(r.topic(), r.partition(), offset, r.key(), r.value());
    }
}
