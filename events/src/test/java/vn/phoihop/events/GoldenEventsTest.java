package vn.phoihop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.member.MemberAdded;
import vn.phoihop.events.program.ProgramState;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.events.unit.UnitCreated;
import vn.phoihop.events.unit.UnitMerged;
import vn.phoihop.events.unit.UnitMoved;
import vn.phoihop.events.unit.UnitRenamed;

/** Pins the wire format: each golden file is what producers write and what consumers must read. */
class GoldenEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-08-19T02:30:00Z");

    @Test
    void activitySubmittedMatchesItsGoldenSample() {
        var data = new ActivityState("act-1", 1, "prg-09", "u-ninh-kieu", List.of("u-can-tho"), List.of(),
                "PROPAGANDA_SESSION", LocalDate.of(2026, 8, 18), Map.of("sessions", BigDecimal.ONE, "attendees", new BigDecimal("120")),
                "SUBMITTED", true);
        var event = fixed(new EventCodec("/unit-service", clock()).create(EventTypes.ACTIVITY_SUBMITTED, "act-1",
                "act-1", "prg-09", List.of("u-can-tho", "u-ninh-kieu"), data), "evt-activity-1");

        assertWire(event, "activity.submitted.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("activity.submitted.v1.json")),
                EventTypes.ACTIVITY_SUBMITTED)).isEqualTo(data);
    }

    @Test
    void confirmedRejectedAndCorrectedCarryTheWholeStateWithANewerVersion() {
        var confirmed = new ActivityState("act-1", 1, "prg-09", "u-ninh-kieu", List.of("u-can-tho"),
                List.of("u-mttq-ninh-kieu"), "PROPAGANDA_SESSION", LocalDate.of(2026, 8, 18),
                Map.of("sessions", BigDecimal.ONE, "attendees", new BigDecimal("120")), "CONFIRMED", true, 2, null);
        var rejected = new ActivityState("act-1", 1, "prg-09", "u-ninh-kieu", List.of("u-can-tho"),
                List.of("u-mttq-ninh-kieu"), "PROPAGANDA_SESSION", LocalDate.of(2026, 8, 18),
                Map.of("sessions", BigDecimal.ONE, "attendees", new BigDecimal("120")), "REJECTED", false, 2, "Mặt trận không tham gia buổi này");
        var corrected = new ActivityState("act-1", 2, "prg-09", "u-ninh-kieu", List.of("u-can-tho"), List.of(),
                "PROPAGANDA_SESSION", LocalDate.of(2026, 8, 18), Map.of("sessions", BigDecimal.ONE, "attendees", new BigDecimal("95")),
                "SUBMITTED", true, 2, "Đếm lại theo danh sách ký tên");
        var codec = new EventCodec("/unit-service", clock());
        List<String> path = List.of("u-can-tho", "u-ninh-kieu");

        assertWire(fixed(codec.create(EventTypes.ACTIVITY_CONFIRMED, "act-1", "act-1", "prg-09", path,
                List.of("u-can-tho", "u-mttq-ninh-kieu"), confirmed),
                "evt-activity-confirmed-1"), "activity.confirmed.v1.json");
        assertWire(fixed(codec.create(EventTypes.ACTIVITY_REJECTED, "act-1", "act-1", "prg-09", path,
                List.of("u-can-tho", "u-mttq-ninh-kieu"), rejected),
                "evt-activity-rejected-1"), "activity.rejected.v1.json");
        assertWire(fixed(codec.create(EventTypes.ACTIVITY_CORRECTED, "act-1", "act-1", "prg-09", path, corrected),
                "evt-activity-corrected-1"), "activity.corrected.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("activity.rejected.v1.json")), EventTypes.ACTIVITY_REJECTED)
                .counted()).isEmpty();
        assertThat(EventCodec.data(EventCodec.decode(golden("activity.corrected.v1.json")), EventTypes.ACTIVITY_CORRECTED)
                .counted()).containsEntry("attendees", new BigDecimal("95"));
        assertThat(EventTypes.carriesActivityState("activity.corrected.v1")).isTrue();
        assertThat(EventTypes.carriesActivityState("unit.created.v1")).isFalse();
    }

    @Test
    void figuresTravelAsExactDecimals() {
        var data = new ActivityState("act-2", 1, "prg-09", "u-ninh-kieu", List.of("u-can-tho"), List.of(),
                "PATROL", LocalDate.of(2026, 8, 18), Map.of("km", new BigDecimal("0.1"), "attendees",
                new BigDecimal("1000000000.001")), "SUBMITTED", true);
        String wire = EventCodec.encode(new EventCodec("/unit-service", clock()).create(EventTypes.ACTIVITY_SUBMITTED,
                "act-2", "act-2", "prg-09", List.of("u-can-tho", "u-ninh-kieu"), data));

        assertThat(wire).contains("\"km\":0.1").contains("\"attendees\":1000000000.001");
        var read = EventCodec.data(EventCodec.decode(wire), EventTypes.ACTIVITY_SUBMITTED);
        assertThat(read.metrics()).containsEntry("km", new BigDecimal("0.1"))
                .containsEntry("attendees", new BigDecimal("1000000000.001"));
        String manyDigits = wire.replace("1000000000.001", "0.1000000000000000055511151231257827");
        assertThat(EventCodec.data(EventCodec.decode(manyDigits), EventTypes.ACTIVITY_SUBMITTED).metrics().get("attendees"))
                .as("not rounded through a double").isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        var made = new EventCodec("/unit-service", clock()).create(EventTypes.ACTIVITY_SUBMITTED, "act-2", "act-2",
                "prg-09", List.of("u-can-tho", "u-ninh-kieu"), new ActivityState("act-2", 1, "prg-09", "u-ninh-kieu",
                        List.of("u-can-tho"), List.of(), "PATROL", LocalDate.of(2026, 8, 18), Map.of("km", BigDecimal.ONE),
                        "SUBMITTED", true));
        assertThat(EventCodec.decode(EventCodec.encode(made))).as("what a consumer decodes equals what was made")
                .isEqualTo(made);
        String overflow = wire.replace("1000000000.001", "1e309");
        assertThat(EventCodec.data(EventCodec.decode(overflow), EventTypes.ACTIVITY_SUBMITTED).metrics().get("attendees"))
                .as("a consumer sees the number, never infinity").isEqualTo(new BigDecimal("1E+309"));
    }

    @Test
    void figuresWrittenAsDoublesBeforeReadAsTheSameNumbers() {
        String before = golden("activity.corrected.v1.json").replace("\"sessions\": 1,", "\"sessions\": 1.0,")
                .replace("\"attendees\": 95}", "\"attendees\": 95.0}");
        assertThat(before).contains("\"attendees\": 95.0}");
        var read = EventCodec.data(EventCodec.decode(before), EventTypes.ACTIVITY_CORRECTED);
        assertThat(read.metrics().get("sessions")).isEqualByComparingTo("1");
        assertThat(read.metrics().get("attendees")).isEqualByComparingTo("95");
    }

    @Test
    void unitCreatedMatchesItsGoldenSample() {
        var data = new UnitCreated("u-ninh-kieu", "31117", "Phường Ninh Kiều", "COMMUNE", "u-can-tho",
                List.of("u-can-tho"), LocalDate.of(2025, 7, 1));
        var event = fixed(new EventCodec("/unit-service", clock()).create(EventTypes.UNIT_CREATED, "u-ninh-kieu",
                "u-ninh-kieu", null, List.of("u-can-tho", "u-ninh-kieu"), data), "evt-unit-1");

        assertWire(event, "unit.created.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("unit.created.v1.json")), EventTypes.UNIT_CREATED))
                .isEqualTo(data);
    }

    @Test
    void unitRenamedMatchesItsGoldenSample() {
        var data = new UnitRenamed("u-ninh-kieu", "31117", "Phường Ninh Kiều", "31117", "Phường Tân An");
        var event = fixed(new EventCodec("/unit-service", clock()).create(EventTypes.UNIT_RENAMED, "u-ninh-kieu",
                "u-ninh-kieu", null, List.of("u-can-tho", "u-ninh-kieu"), data), "evt-unit-renamed-1");

        assertWire(event, "unit.renamed.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("unit.renamed.v1.json")), EventTypes.UNIT_RENAMED))
                .isEqualTo(data);
    }

    @Test
    void unitMovedMatchesItsGoldenSample() {
        var data = new UnitMoved("u-ninh-kieu", LocalDate.of(2025, 7, 1), "q-ninh-kieu",
                List.of("u-can-tho", "q-ninh-kieu"), "u-can-tho", List.of("u-can-tho"));
        var event = fixed(new EventCodec("/unit-service", clock()).create(EventTypes.UNIT_MOVED, "u-ninh-kieu",
                "u-ninh-kieu", null, List.of("u-can-tho", "u-ninh-kieu"), List.of("u-can-tho", "q-ninh-kieu"), data), "evt-unit-moved-1");

        assertWire(event, "unit.moved.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("unit.moved.v1.json")), EventTypes.UNIT_MOVED))
                .isEqualTo(data);
    }

    @Test
    void unitMergedMatchesItsGoldenSample() {
        var data = new UnitMerged("u-tan-an", List.of("u-tan-an", "u-an-lac"), "u-ninh-kieu", LocalDate.of(2025, 7, 1));
        var event = fixed(new EventCodec("/unit-service", clock()).create(EventTypes.UNIT_MERGED, "u-tan-an",
                "u-tan-an", null, List.of("u-can-tho", "u-tan-an"), data), "evt-unit-merged-1");

        assertWire(event, "unit.merged.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("unit.merged.v1.json")), EventTypes.UNIT_MERGED))
                .isEqualTo(data);
    }

    @Test
    void programActivatedMatchesItsGoldenSample() {
        var data = new ProgramState("prg-09", 3, "09/CTr-BCA-MTTW",
                "Phối hợp đẩy mạnh phong trào Toàn dân bảo vệ an ninh Tổ quốc", "ACTIVE",
                LocalDate.of(2023, 1, 1), LocalDate.of(2033, 12, 31), "u-vn",
                List.of(new ProgramState.Indicator("sessions", "Buổi tuyên truyền", "buổi", "SUM")), List.of("u-can-tho"));
        var event = fixed(new EventCodec("/program-service", clock()).create(EventTypes.PROGRAM_ACTIVATED, "prg-09",
                "prg-09", "prg-09", List.of("u-vn"), List.of("u-vn", "u-can-tho"), data), "evt-program-1");

        assertWire(event, "program.activated.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("program.activated.v1.json")), EventTypes.PROGRAM_ACTIVATED)
                .enrolledUnitIds()).containsExactly("u-can-tho");
        String withoutEnrolments = golden("program.activated.v1.json").replaceAll(",\\s*\"enrolledUnitIds\": \\[[^]]*]", "");
        assertThat(EventCodec.data(EventCodec.decode(withoutEnrolments), EventTypes.PROGRAM_ACTIVATED).enrolledUnitIds())
                .as("an event written before enrolments existed reads as none").isEmpty();
        assertThat(EventCodec.data(EventCodec.decode(golden("program.activated.v1.json")),
                EventTypes.PROGRAM_ACTIVATED)).isEqualTo(data);
    }

    @Test
    void memberAddedMatchesItsGoldenSampleAndCarriesNoPersonalData() {
        var data = new MemberAdded("m-1", "u-team-3", "TEAM_LEADER", LocalDate.of(2025, 8, 1), null);
        var event = fixed(new EventCodec("/unit-service", clock()).create(EventTypes.MEMBER_ADDED, "m-1", "u-team-3",
                null, List.of("u-can-tho", "u-ninh-kieu", "u-team-3"), data), "evt-member-1");

        assertWire(event, "member.added.v1.json");
        assertThat(EventCodec.data(EventCodec.decode(golden("member.added.v1.json")), EventTypes.MEMBER_ADDED))
                .isEqualTo(data);
        assertThat(EventTypes.MEMBER_ADDED.topic()).isEqualTo(Topics.UNITS);
        // personal data never travels on a topic (Decree 13/2023): not even the field names
        assertThat(golden("member.added.v1.json")).doesNotContain("phone", "nationalId", "fullName");
        assertThat(java.util.Arrays.stream(MemberAdded.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("memberId", "unitId", "role", "joinedOn", "leftOn");
    }

    @Test
    void progressChangedMatchesItsGoldenSampleKeyedByProgramWithTheUnitPath() {
        var data = new ProgressChanged("prg-09", "u-ninh-kieu", List.of("attendees", "sessions"),
                LocalDate.of(2026, 8, 18), LocalDate.of(2026, 8, 18));
        var event = fixed(new EventCodec("/program-service", Clock.fixed(AT.plusSeconds(1), ZoneOffset.UTC)).create(
                EventTypes.PROGRESS_CHANGED, "u-ninh-kieu", "prg-09", "prg-09", List.of("u-can-tho", "u-ninh-kieu"), data),
                "evt-progress-1");

        assertWire(event, "progress.changed.v1.json");
        var decoded = EventCodec.decode(golden("progress.changed.v1.json"));
        assertThat(EventCodec.data(decoded, EventTypes.PROGRESS_CHANGED)).isEqualTo(data);
        assertThat(decoded.unitPath()).as("the stream's unitId= filter and scope go by it").containsExactly("u-can-tho",
                "u-ninh-kieu");
        assertThat(EventTypes.PROGRESS_CHANGED.topic()).isEqualTo(Topics.PROGRAMS);
        assertThat(EventTypes.carriesProgramState(decoded.type()))
                .as("consumers of program states skip it").isFalse();
        assertThat(java.util.Arrays.stream(ProgressChanged.class.getRecordComponents()).map(c -> c.getName()))
                .as("a notice to refetch: no figures, no personal data")
                .containsExactly("programId", "unitId", "indicatorCodes", "from", "to");
    }

    @Test
    void everyTypeIsALogicalNameOnAKnownTopic() {
        assertThat(EventTypes.ALL).allSatisfy(type -> {
            assertThat(type.name()).matches("[a-z]+(\\.[a-z-]+)+\\.v\\d+").doesNotContain("vn.phoihop");
            assertThat(type.topic()).isIn(Topics.UNITS, Topics.ACTIVITIES, Topics.PROGRAMS);
            assertThat(EventTypes.byName(type.name())).contains(type);
        });
    }

    @Test
    void unknownFieldsFromNewerProducersAreIgnored() {
        var json = golden("unit.created.v1.json").replace("\"specversion\"", "\"futurefield\":1,\"specversion\"");
        assertThat(EventCodec.decode(json).id()).isEqualTo("evt-unit-1");
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> EventCodec.decode("{not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"x\"}")).isInstanceOf(MalformedEventException.class);
        var unit = EventCodec.decode(golden("unit.created.v1.json"));
        assertThatThrownBy(() -> EventCodec.data(unit, EventTypes.ACTIVITY_SUBMITTED))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("expected activity.submitted.v1");
    }

    @Test
    void unitPathIsAncestorsThenUnit() {
        var event = EventCodec.decode(golden("activity.submitted.v1.json"));
        assertThat(event.unitPath()).containsExactly("u-can-tho", "u-ninh-kieu");
    }

    @Test
    void scopeUnitsAreThePathPlusEveryOtherUnitConcerned() {
        var joint = EventCodec.decode(golden("activity.confirmed.v1.json"));
        assertThat(joint.unitscope()).isEqualTo("u-can-tho,u-ninh-kieu,u-mttq-ninh-kieu");
        assertThat(joint.scopeUnitIds()).containsExactly("u-can-tho", "u-ninh-kieu", "u-mttq-ninh-kieu");
        var single = EventCodec.decode(golden("activity.submitted.v1.json"));
        assertThat(single.unitscope()).as("absent when it would add nothing").isNull();
        assertThat(single.scopeUnitIds()).containsExactly("u-can-tho", "u-ninh-kieu");
        var sameUnits = new EventCodec("/unit-service", clock()).create(EventTypes.ACTIVITY_SUBMITTED, "a", "a", "p",
                List.of("u-can-tho", "u-ninh-kieu"), List.of("u-ninh-kieu"), EventCodec.data(single,
                        EventTypes.ACTIVITY_SUBMITTED));
        assertThat(sameUnits.unitscope()).isNull();
    }

    private static Clock clock() {
        return Clock.fixed(AT, ZoneOffset.UTC);
    }

    private static CloudEvent fixed(CloudEvent e, String id) {
        return new CloudEvent(e.specversion(), id, e.source(), e.type(), e.subject(), e.time(), e.datacontenttype(),
                e.partitionkey(), e.programid(), e.unitid(), e.ancestorids(), e.unitscope(), e.data());
    }

    private static void assertWire(CloudEvent event, String file) {
        JsonNode written = JSON.readTree(EventCodec.encode(event));
        assertThat(written).isEqualTo(JSON.readTree(golden(file)));
    }

    static String golden(String file) {
        try (InputStream in = GoldenEventsTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
