package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;
import vn.phoihop.program.progress.mongo.ProgressGenerations;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** Progress follows each activity through submission, confirmation, rejection and corrections, on the real topic. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressLifecycleIT {

    static final String NINH_KIEU = "u-ninh-kieu";
    static final String CAN_THO = ActivityPublisher.CAN_THO;
    static final LocalDate DAY = LocalDate.of(2019, 8, 19);
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    MockMvc mvc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    MongoDatabase database;
    @Autowired
    ProgressGenerations generations;
    @Autowired
    ProgressProjector projector;

    ProgressHarness api;
    ActivityPublisher publisher;
    ReadModelProbe model;
    String program;

    @BeforeEach
    void program() throws Exception {
        api = new ProgressHarness(mvc);
        publisher = new ActivityPublisher(kafka);
        model = new ReadModelProbe(database, generations);
        program = api.program("sessions", "attendees");
    }

    @Test
    void aJointActivityCountsOnlyOnceConfirmed() throws Exception {
        var joint = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 2.0, "attendees", 150.0), true);
        awaitApplied(joint, 1);
        assertThat(api.actual(program, CAN_THO, "", "attendees")).isZero();

        joint.confirm();
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.actual(program, NINH_KIEU, "", "attendees")).isEqualTo(150.0));
        assertThat(api.actual(program, CAN_THO, "", "sessions")).isEqualTo(2.0);
        assertThat(api.actual(program, null, "&from=2019-08-19&to=2019-08-19", "attendees")).isEqualTo(150.0);
    }

    @Test
    void rejectionTakesACountedActivityOutAndKeepsAJointOneOut() throws Exception {
        var counted = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 3.0, "attendees", 200.0), false);
        var joint = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 1.0, "attendees", 40.0), true);
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.actual(program, CAN_THO, "", "attendees")).isEqualTo(200.0));

        counted.reject("Trùng với buổi đã báo cáo");
        joint.reject("Mặt trận không tham gia buổi này");
        awaitApplied(counted, 2);
        awaitApplied(joint, 2);
        assertThat(api.actual(program, CAN_THO, "", "attendees")).isZero();
        assertThat(api.actual(program, NINH_KIEU, "&from=2019-01-01&to=2019-12-31", "sessions")).isZero();
        assertThat(api.actual(program, null, "", "sessions")).isZero();
    }

    @Test
    void correctionsMoveFiguresUpAndDownToTheLastRevision() throws Exception {
        var activity = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 10.0, "attendees", 500.0), false);
        activity.correct(Map.of("sessions", 12.0, "attendees", 650.0));
        activity.correct(Map.of("sessions", 9.0, "attendees", 400.0));
        awaitApplied(activity, 3);

        assertThat(activity.state().revision()).isEqualTo(3);
        for (String unit : new String[] {NINH_KIEU, CAN_THO, null}) {
            assertThat(api.actual(program, unit, "", "attendees")).isEqualTo(400.0);
            assertThat(api.actual(program, unit, "&from=2019-08-01&to=2019-08-31", "sessions")).isEqualTo(9.0);
        }
    }

    @Test
    void aCorrectionBeforeConfirmationCountsOnlyOnceConfirmed() throws Exception {
        var joint = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 5.0, "attendees", 100.0), true);
        joint.correct(Map.of("sessions", 6.0, "attendees", 130.0));
        awaitApplied(joint, 2);
        assertThat(api.actual(program, CAN_THO, "", "attendees")).isZero();

        joint.confirm();
        awaitApplied(joint, 3);
        assertThat(api.actual(program, CAN_THO, "", "attendees")).isEqualTo(130.0);
        assertThat(api.actual(program, NINH_KIEU, "", "sessions")).isEqualTo(6.0);
    }

    @Test
    void aCorrectionOfACountedJointActivityTakesItOutUntilEverySideConfirmsAgainAlsoAfterAReplay() throws Exception {
        var joint = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 1.0, "attendees", 40.0), true);
        joint.confirm();
        awaitApplied(joint, 2);
        assertThat(api.actual(program, CAN_THO, "", "sessions")).isEqualTo(1.0);

        // the Front corrects and confirms its own side; the police's side waits: nothing counts
        var byTheFront = ActivityPublisher.corrected(joint.state(), Map.of("sessions", 100.0, "attendees", 40.0));
        var awaiting = new vn.phoihop.events.activity.ActivityState(byTheFront.activityId(), byTheFront.revision(),
                byTheFront.programId(), byTheFront.unitId(), byTheFront.ancestorIds(), byTheFront.coUnitIds(),
                byTheFront.type(), byTheFront.occurredOn(), byTheFront.metrics(), "AWAITING_CONFIRMATION", false,
                byTheFront.version(), byTheFront.reason());
        publisher.publish(EventTypes.ACTIVITY_CORRECTED, awaiting);
        var frontSide = next(awaiting, "AWAITING_CONFIRMATION", false);
        publisher.publish(EventTypes.ACTIVITY_CONFIRMED, frontSide);
        awaitApplied(joint.id, 4);
        for (String unit : new String[] {NINH_KIEU, CAN_THO, null}) {
            assertThat(api.actual(program, unit, "", "sessions")).as("at " + unit).isZero();
            assertThat(api.actual(program, unit, "&from=2019-08-19&to=2019-08-19", "attendees")).isZero();
        }

        var bothSides = next(frontSide, "CONFIRMED", true);
        publisher.publish(EventTypes.ACTIVITY_CONFIRMED, bothSides);
        awaitApplied(joint.id, 5);
        assertThat(api.actual(program, CAN_THO, "", "sessions")).isEqualTo(100.0);

        int fresh = 800_000 + (int) (Math.random() * 90_000);
        var records = TopicProbe.byKey(Topics.ACTIVITIES, joint.id, 5);
        for (var record : records) {
            projector.apply(record, fresh);
        }
        assertThat(model.counters(fresh, program)).isEqualTo(model.counters(model.current(), program));
    }

    private static vn.phoihop.events.activity.ActivityState next(vn.phoihop.events.activity.ActivityState s,
            String status, boolean counts) {
        return new vn.phoihop.events.activity.ActivityState(s.activityId(), s.revision(), s.programId(), s.unitId(),
                s.ancestorIds(), s.coUnitIds(), s.type(), s.occurredOn(), s.metrics(), status, counts, s.version() + 1,
                null);
    }

    @Test
    void redeliveryDuplicatesAndLateVersionsChangeNothing() throws Exception {
        var activity = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 4.0, "attendees", 100.0), false);
        CloudEvent second = activity.correct(Map.of("sessions", 6.0, "attendees", 150.0));
        var secondState = activity.state();
        activity.correct(Map.of("sessions", 5.0, "attendees", 120.0));
        publisher.send(activity.id, EventCodec.encode(second)); // the relay published version 2 twice
        publisher.publish(EventTypes.ACTIVITY_CORRECTED, secondState); // version 2 again, under a new event id
        publisher.flush();
        awaitApplied(activity, 3);

        var records = TopicProbe.byKey(Topics.ACTIVITIES, activity.id, 5);
        ConsumerRecord<String, String> third = records.get(2);
        int generation = model.current();
        projector.apply(third, generation); // redelivered after a crash before the offset commit
        projector.apply(records.get(0), generation); // the submission, redelivered long after

        activity.correct(Map.of("sessions", 7.0, "attendees", 170.0)); // on the same partition, after all of the above
        awaitApplied(activity, 4);
        assertThat(api.actual(program, CAN_THO, "", "attendees")).isEqualTo(170.0);
        assertThat(api.actual(program, null, "&from=2019-08-19&to=2019-08-19", "sessions")).isEqualTo(7.0);
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneIsIgnored() throws Exception {
        var activity = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 1.0, "attendees", 10.0), false);
        var v2 = ActivityPublisher.corrected(activity.state(), Map.of("sessions", 2.0, "attendees", 20.0));
        var v3 = ActivityPublisher.corrected(v2, Map.of("sessions", 3.0, "attendees", 30.0));
        // two relays raced: version 3 reached the topic before version 2, then the submission came again
        publisher.publish(EventTypes.ACTIVITY_CORRECTED, v3);
        publisher.publish(EventTypes.ACTIVITY_CORRECTED, v2);
        publisher.publish(EventTypes.ACTIVITY_SUBMITTED, activity.state());
        // version 4 counts as version 3 did: on the same partition, a marker that everything before it was consumed
        publisher.publish(EventTypes.ACTIVITY_CORRECTED, ActivityPublisher.corrected(v3, v3.metrics()));
        awaitApplied(activity.id, 4);

        assertThat(api.actual(program, CAN_THO, "", "attendees")).isEqualTo(30.0);
        assertThat(api.actual(program, NINH_KIEU, "", "sessions")).isEqualTo(3.0);
    }

    @Test
    void aReplayOfTheTopicIntoAFreshReadModelGivesIdenticalCounters() throws Exception {
        var a = publisher.submit(program, NINH_KIEU, DAY, Map.of("sessions", 2.5, "attendees", 75.0), false);
        var b = publisher.submit(program, "u-cai-rang", DAY.plusDays(40), Map.of("sessions", 1.0, "attendees", 30.0), true);
        var c = publisher.submit(program, CAN_THO, DAY.minusYears(1), Map.of("sessions", 0.1, "attendees", 0.2), false);
        a.correct(Map.of("sessions", 2.0, "attendees", 70.3));
        b.correct(Map.of("sessions", 1.0, "attendees", 35.0));
        b.confirm();
        c.reject("Nhập nhầm chương trình");
        a.correct(Map.of("sessions", 0.3, "attendees", 70.1));
        publisher.flush();
        awaitApplied(a, 3);
        awaitApplied(b, 3);
        awaitApplied(c, 2);
        int live = model.current();
        var expected = model.counters(live, program);
        assertThat(expected).containsEntry(CounterIds.of(program, "attendees", CAN_THO, "2019"), new java.math.BigDecimal("105.1"));

        int fresh = 900_000 + (int) (Math.random() * 90_000);
        var records = TopicProbe.read(Topics.ACTIVITIES, rs -> count(rs, a.id) >= 3 && count(rs, b.id) >= 3 && count(rs, c.id) >= 2);
        records.sort(Comparator.comparing((ConsumerRecord<String, String> r) -> r.partition()).thenComparing(r -> r.offset()));
        for (var record : records) { // partition by partition: another interleaving than the live consumer's
            try {
                projector.apply(record, fresh);
            } catch (MalformedEventException deadLettered) {
                // other tests' bad events, dead-lettered by the live consumer too
            }
        }
        assertThat(model.counters(fresh, program)).isEqualTo(expected);
    }

    private static long count(java.util.List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).count();
    }

    private void awaitApplied(ActivityPublisher.Activity activity, int version) throws Exception {
        awaitApplied(activity.id, version);
    }

    private void awaitApplied(String activityId, int version) throws Exception {
        publisher.flush();
        await().atMost(WAIT).until(() -> model.appliedVersion(activityId) >= version);
    }
}
