package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.MalformedEventException;
import vn.phoihop.events.Topics;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.program.TestFigures;
import vn.phoihop.program.progress.latest.LatestProjection;
import vn.phoihop.program.progress.mongo.ActivityContributions;
import vn.phoihop.program.progress.mongo.ProgressAttempts;
import vn.phoihop.program.progress.mongo.ProgressCounters;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * {@code progress.changed.v1}: what the projector announces on {@code programs} after a batch. The records are built
 * here and applied to generations of their own, so each batch is exactly the one the test means; the announcements
 * go to the real topic.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class ProgressEventsIT {

    static final AtomicInteger GENERATIONS = new AtomicInteger(700_000 + (int) (Math.random() * 90_000));
    static final String PROVINCE = "u-can-tho";
    static final String NINH_KIEU = "u-ninh-kieu";
    static final String CAI_RANG = "u-cai-rang";
    static final LocalDate DAY = LocalDate.of(2024, 5, 10);

    @Autowired
    MockMvc mvc;
    @Autowired
    ProgressProjector projector;
    @Autowired
    ProgressAnnouncer announcer;
    @Autowired
    ActivityEvents events;
    @Autowired
    com.mongodb.client.MongoDatabase database;
    @Autowired
    LatestProjection latest;

    String program;
    final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    final List<ConsumerRecord<String, String>> unusable = new ArrayList<>();
    /** Offsets keep growing across batches, as on the topic. */
    long nextOffset;

    @BeforeEach
    void program() throws Exception {
        program = new ProgressHarness(mvc).program("sessions", "attendees");
    }

    @Test
    void aBatchAnnouncesEachProgramAndUnitOnceWithItsIndicatorsAndDates() {
        var first = activity(NINH_KIEU, DAY, Map.of("sessions", 2.0), false);
        record(first, EventTypes.ACTIVITY_SUBMITTED);
        record(activity(NINH_KIEU, DAY.plusDays(3), Map.of("attendees", 80.0), false), EventTypes.ACTIVITY_SUBMITTED);
        record(first, EventTypes.ACTIVITY_SUBMITTED); // the relay's second copy
        record(activity(CAI_RANG, DAY.minusDays(1), Map.of("sessions", 1.0), false), EventTypes.ACTIVITY_SUBMITTED);
        // awaiting confirmation: nothing counts yet, nothing to announce
        record(activity("u-thot-not", DAY, Map.of("sessions", 9.0), true), EventTypes.ACTIVITY_SUBMITTED);
        // unusable: goes to the dead letters, announced nowhere
        record(activity("u-phong-dien", DAY, Map.of("no-such-indicator", 1.0), false), EventTypes.ACTIVITY_SUBMITTED);

        int generation = GENERATIONS.incrementAndGet();
        projector.apply(records, generation, (r, e) -> unusable.add(r));

        assertThat(unusable).singleElement().extracting(ConsumerRecord::offset).isEqualTo(5L);
        var announced = progressEvents();
        assertThat(announced).as("one per program and unit of the batch").hasSize(2);
        CloudEvent ninhKieu = announced.stream().filter(e -> NINH_KIEU.equals(e.unitid())).findFirst().orElseThrow();
        assertThat(ninhKieu.type()).isEqualTo("progress.changed.v1");
        assertThat(ninhKieu.source()).isEqualTo("/program-service");
        assertThat(ninhKieu.programid()).isEqualTo(program);
        assertThat(ninhKieu.partitionkey()).isEqualTo(program);
        assertThat(ninhKieu.unitPath()).containsExactly(PROVINCE, NINH_KIEU);
        assertThat(ninhKieu.unitscope()).isNull();
        assertThat(EventCodec.data(ninhKieu, EventTypes.PROGRESS_CHANGED)).isEqualTo(
                new ProgressChanged(program, NINH_KIEU, List.of("attendees", "sessions"), DAY, DAY.plusDays(3)));
        CloudEvent caiRang = announced.stream().filter(e -> CAI_RANG.equals(e.unitid())).findFirst().orElseThrow();
        assertThat(EventCodec.data(caiRang, EventTypes.PROGRESS_CHANGED)).isEqualTo(
                new ProgressChanged(program, CAI_RANG, List.of("sessions"), DAY.minusDays(1), DAY.minusDays(1)));

        // a crash after the writes, before the offsets were committed: the redelivery announces the same again
        projector.apply(records, generation, (r, e) -> { });
        var again = progressEvents();
        assertThat(again).hasSize(4);
        assertThat(again.subList(2, 4)).extracting(e -> EventCodec.data(e, EventTypes.PROGRESS_CHANGED))
                .containsExactlyInAnyOrderElementsOf(announced.stream()
                        .map(e -> EventCodec.data(e, EventTypes.PROGRESS_CHANGED)).toList());
    }

    @Test
    void aConfirmationRejectionOrCorrectionAnnouncesWhatItMovesAndAMoveKeepsTheOldAncestorsInScope() {
        var joint = activity(NINH_KIEU, DAY, Map.of("sessions", 1.0, "attendees", 40.0), true);
        var confirmed = ActivityPublisher.decided(joint, true);
        var corrected = ActivityPublisher.corrected(confirmed, Map.of("sessions", 1.0)); // attendees dropped
        record(joint, EventTypes.ACTIVITY_SUBMITTED);
        projector.apply(records, GENERATIONS.incrementAndGet(), ProgressEventsIT::unexpected);
        assertThat(progressEvents()).as("nothing counted yet").isEmpty();

        int generation = GENERATIONS.incrementAndGet();
        projector.apply(records, generation, ProgressEventsIT::unexpected);
        records.clear();
        record(confirmed, EventTypes.ACTIVITY_CONFIRMED);
        projector.apply(records, generation, ProgressEventsIT::unexpected);
        records.clear();
        // the same unit's activity logged when it still hung under a district, corrected after the unit moved:
        // the district's counters move too, so the district's subscribers must see the notice
        var beforeTheMove = new ActivityState(UUID.randomUUID().toString(), 1, program, NINH_KIEU,
                List.of(PROVINCE, "q-ninh-kieu"), List.of(), "MEETING", DAY.plusDays(1), TestFigures.of(Map.of("sessions", 1.0)),
                "SUBMITTED", true);
        record(ActivityPublisher.corrected(beforeTheMove, Map.of("sessions", 2.0)), EventTypes.ACTIVITY_CORRECTED);
        record(corrected, EventTypes.ACTIVITY_CORRECTED);
        projector.apply(records, generation, ProgressEventsIT::unexpected);

        var announced = progressEvents();
        assertThat(announced).extracting(e -> EventCodec.data(e, EventTypes.PROGRESS_CHANGED).indicatorCodes())
                .as("a correction that drops a figure announces it too")
                .containsExactly(List.of("attendees", "sessions"), List.of("attendees", "sessions"));
        CloudEvent last = announced.get(1);
        assertThat(last.unitPath()).containsExactly(PROVINCE, NINH_KIEU);
        assertThat(last.scopeUnitIds()).containsExactlyInAnyOrder(PROVINCE, "q-ninh-kieu", NINH_KIEU);
        assertThat(EventCodec.data(last, EventTypes.PROGRESS_CHANGED).from()).isEqualTo(DAY);
        assertThat(EventCodec.data(last, EventTypes.PROGRESS_CHANGED).to()).isEqualTo(DAY.plusDays(1));
    }

    @Test
    void aGenerationBeingRebuiltHoldsItsNoticesUntilItAnswersReads() {
        int generation = GENERATIONS.incrementAndGet();
        announcer.hold(generation);
        record(activity(NINH_KIEU, DAY, Map.of("sessions", 2.0), false), EventTypes.ACTIVITY_SUBMITTED);
        projector.apply(records, generation, ProgressEventsIT::unexpected);
        records.clear();
        record(activity(NINH_KIEU, DAY.plusYears(1), Map.of("attendees", 20.0), false), EventTypes.ACTIVITY_SUBMITTED);
        record(activity(CAI_RANG, DAY, Map.of("sessions", 1.0), false), EventTypes.ACTIVITY_SUBMITTED);
        projector.apply(records, generation, ProgressEventsIT::unexpected);
        assertThat(progressEvents()).as("nobody reads a generation being rebuilt").isEmpty();

        assertThat(announcer.release(generation)).isTrue();
        assertThat(progressEvents()).extracting(e -> EventCodec.data(e, EventTypes.PROGRESS_CHANGED))
                .containsExactlyInAnyOrder(
                        new ProgressChanged(program, NINH_KIEU, List.of("attendees", "sessions"), DAY, DAY.plusYears(1)),
                        new ProgressChanged(program, CAI_RANG, List.of("sessions"), DAY, DAY));

        records.clear();
        record(activity(CAI_RANG, DAY, Map.of("sessions", 1.0), false), EventTypes.ACTIVITY_SUBMITTED);
        projector.apply(records, generation, ProgressEventsIT::unexpected);
        assertThat(progressEvents()).as("live from the release on").hasSize(3);
        assertThat(announcer.release(generation)).as("nothing left to send").isTrue();
    }

    @Test
    void aNoticeKafkaDoesNotAcknowledgeFailsTheBatchSoItIsDeliveredAgain() {
        var refusing = new KafkaTemplate<String, String>(new DefaultKafkaProducerFactory<>(Map.of())) {
            @Override
            public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
                return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("broker away"));
            }
        };
        var failing = new ProgressProjector(events, new ProgressCounters(database, new ProgressAttempts(database)),
                new ActivityContributions(database), latest,
                new ProgressAnnouncer(refusing, new EventCodec("/program-service", Clock.systemUTC())));
        record(activity(NINH_KIEU, DAY, Map.of("sessions", 2.0), false), EventTypes.ACTIVITY_SUBMITTED);
        int generation = GENERATIONS.incrementAndGet();

        assertThatThrownBy(() -> failing.apply(records, generation, ProgressEventsIT::unexpected))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not acknowledge");
        projector.apply(records, generation, ProgressEventsIT::unexpected); // the redelivery
        assertThat(progressEvents()).singleElement().extracting(CloudEvent::unitid).isEqualTo(NINH_KIEU);
    }

    private ActivityState activity(String commune, LocalDate on, Map<String, ? extends Number> metrics, boolean joint) {
        return new ActivityState(UUID.randomUUID().toString(), 1, program, commune, List.of(PROVINCE),
                joint ? List.of("u-mttq") : List.of(), "PROPAGANDA_SESSION", on, TestFigures.of(metrics),
                joint ? "AWAITING_CONFIRMATION" : "SUBMITTED", !joint);
    }

    private void record(ActivityState s, EventType<ActivityState> type) {
        var path = new ArrayList<>(s.ancestorIds());
        path.add(s.unitId());
        CloudEvent event = new EventCodec("/unit-service", Clock.systemUTC()).create(type, s.activityId(),
                s.activityId(), s.programId(), path, s);
        records.add(new ConsumerRecord<>(Topics.ACTIVITIES, 0, nextOffset++, s.activityId(), EventCodec.encode(event)));
    }

    private static void unexpected(ConsumerRecord<String, String> r, MalformedEventException e) {
        throw new AssertionError("record " + r.offset() + " unusable", e);
    }

    /** This test's program's {@code progress.changed.v1} events, everything on the topic read to its end. */
    private List<CloudEvent> progressEvents() {
        return TopicProbe.readToEnd(Topics.PROGRAMS).stream().filter(r -> program.equals(r.key()))
                .map(r -> EventCodec.decode(r.value()))
                .filter(e -> e.type().equals(EventTypes.PROGRESS_CHANGED.name())).toList();
    }
}
