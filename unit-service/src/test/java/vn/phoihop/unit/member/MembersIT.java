package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_MASKED;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.member.MemberAdded;
import vn.phoihop.platform.outbox.Outbox;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Members of a unit end to end: roster in MongoDB, event on Kafka, masking, audit, logs. The personal data sent is
 * that of {@code PersonalDataSamples}, which the log guard looks for in every log line of the suite.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class MembersIT {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    /** The request id of every member this class adds: NoPersonalDataInLogsIT finds their log lines by it. */
    static final String REQUEST_ID_PREFIX = "members-it-";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    String team;

    @BeforeEach
    void aSecurityTeamUnderAWard() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ward = createUnit("{\"code\":\"W-" + suffix + "\",\"name\":\"Phường Ninh Kiều\",\"kind\":\"COMMUNE\","
                + "\"validFrom\":\"2025-07-01\"}");
        team = createUnit("{\"code\":\"T-" + suffix + "\",\"name\":\"Tổ ANTT khu vực 3\",\"kind\":\"SECURITY_TEAM\","
                + "\"parentId\":\"" + ward + "\",\"validFrom\":\"2025-07-01\"}");
    }

    @Test
    void aMemberIsAddedListedAndFound() throws Exception {
        String id = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null));

        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, id).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.unitId").value(team))
                .andExpect(jsonPath("$.fullName").value(FULL_NAME))
                .andExpect(jsonPath("$.role").value("TEAM_LEADER"))
                .andExpect(jsonPath("$.joinedOn").value("2025-08-01"))
                .andExpect(jsonPath("$.leftOn").value(nullValue()))
                .andExpect(jsonPath("$.addedBy").value("admin"));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
    }

    @Test
    void aTeamWithASingleMemberWorks() throws Exception {
        mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
        String only = add(team, member("Trần Thị Bình", "TEAM_LEADER", null, null, "2024-01-15", null));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()).param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(only))
                .andExpect(jsonPath("$.items[0].phone").value(nullValue()))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
    }

    @Test
    void listsPageWithAnOpaqueCursorInTheOrderMembersWereAdded() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String role : List.of("TEAM_LEADER", "DEPUTY_LEADER", "MEMBER")) {
            ids.add(add(team, member("Tổ viên " + role, role, null, null, "2025-08-01", null)));
        }
        String first = mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()).param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(ids.get(0), ids.get(1))))
                .andReturn().getResponse().getContentAsString();
        String cursor = JsonPath.read(first, "$.nextCursor");
        assertThat(cursor).isNotBlank().doesNotContain(ids.get(1));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()).param("limit", "2").param("cursor", cursor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(ids.get(2))))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"limit, 0", "limit, 501", "limit, 100000", "limit, ten", "cursor, $gt", "cursor, bm90LWEtbWVtYmVy",
            "cursor, A"})
    void badListParametersAreProblems(String name, String value) throws Exception {
        add(team, member("Lê Văn C", "MEMBER", null, null, "2025-08-01", null));
        problem(mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()).param(name, value)), 400);
    }

    @Test
    void withoutPiiReadPersonalDataIsMaskedAndNothingIsAudited() throws Exception {
        String id = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null));
        String requestId = "req-masked-" + UUID.randomUUID();

        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, id).with(officer()).header("X-Request-Id", requestId)
                        .header("X-Purpose", "curiosity"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value(PHONE_MASKED))
                .andExpect(jsonPath("$.nationalId").value(NATIONAL_ID_MASKED))
                .andExpect(header().doesNotExist("Warning"));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()).header("X-Request-Id", requestId))
                .andExpect(jsonPath("$.items[0].phone").value(PHONE_MASKED))
                .andExpect(jsonPath("$.items[0].nationalId").value(NATIONAL_ID_MASKED));
        assertThat(auditEntries(requestId)).isEmpty();
    }

    @Test
    void piiReadWithoutAPurposeIsMaskedWithAWarningAndNotAudited() throws Exception {
        String id = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null));
        String requestId = "req-nopurpose-" + UUID.randomUUID();

        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, id).with(piiReader()).header("X-Request-Id", requestId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value(PHONE_MASKED))
                .andExpect(jsonPath("$.nationalId").value(NATIONAL_ID_MASKED))
                .andExpect(header().string("Warning", org.hamcrest.Matchers.containsString("X-Purpose")));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(piiReader()).header("X-Request-Id", requestId)
                        .header("X-Purpose", "   "))
                .andExpect(jsonPath("$.items[0].phone").value(PHONE_MASKED))
                .andExpect(header().exists("Warning"));
        assertThat(auditEntries(requestId)).isEmpty();
    }

    @Test
    void piiReadWithAPurposeSeesEverythingAndEachReadIsAudited() throws Exception {
        String id = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null));
        String requestId = "req-unmasked-" + UUID.randomUUID();

        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, id).with(piiReader()).header("X-Request-Id", requestId)
                        .header("X-Purpose", "X%C3%A1c%20minh%20v%E1%BB%A5%20vi%E1%BB%87c"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value(PHONE))
                .andExpect(jsonPath("$.nationalId").value(NATIONAL_ID))
                .andExpect(header().doesNotExist("Warning"));

        List<Document> entries = auditEntries(requestId);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.getString("actor")).isEqualTo("officer-pii");
            assertThat(e.getString("action")).isEqualTo("personal-data.read");
            assertThat(e.getString("resourceType")).isEqualTo("member");
            assertThat(e.getList("resourceIds", String.class)).containsExactly(id);
            assertThat(e.getString("unitId")).isEqualTo(team);
            assertThat(e.getString("purpose")).isEqualTo("Xác minh vụ việc");
            assertThat(e.getString("outcome")).isEqualTo("SUCCESS");
            assertThat(e.getDate("at")).isNotNull();
            // the audit says who saw what, not what they saw
            assertThat(e.toJson()).doesNotContain(PHONE, NATIONAL_ID);
        });
    }

    @Test
    void anUnmaskedListIsOneAuditEntryNamingTheMembersWhoseDataItReturned() throws Exception {
        String withData = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, null, "2025-08-01", null));
        add(team, member("Phạm Văn Dũng", "MEMBER", null, null, "2025-08-01", null));
        String requestId = "req-list-" + UUID.randomUUID();

        mvc.perform(get("/api/v1/units/{u}/members", team).with(piiReader()).header("X-Request-Id", requestId)
                        .header("X-Purpose", "annual-review"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].phone").value(PHONE))
                .andExpect(jsonPath("$.items[1].phone").value(nullValue()));
        assertThat(auditEntries(requestId)).singleElement().satisfies(e -> {
            assertThat(e.getList("resourceIds", String.class)).containsExactly(withData);
            assertThat(e.getString("purpose")).isEqualTo("annual-review");
        });

        String noData = "req-list-nodata-" + UUID.randomUUID();
        mvc.perform(get("/api/v1/units/{u}/members", team).with(piiReader()).header("X-Request-Id", noData)
                        .header("X-Purpose", "annual-review").param("limit", "1")
                        .param("cursor", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(withData.getBytes())))
                .andExpect(jsonPath("$.items", hasSize(1)));
        assertThat(auditEntries(noData)).as("a page with no personal data discloses nothing").isEmpty();
    }

    @Test
    void aBadPurposeIsAProblem() throws Exception {
        String id = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, null, "2025-08-01", null));
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", team, id).with(piiReader())
                .header("X-Purpose", "x".repeat(201))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("X-Purpose"));
    }

    @Test
    void theCreateAnswerIsMaskedEvenForPiiReaders() throws Exception {
        mvc.perform(post("/api/v1/units/{u}/members", team).with(piiReader()).header("X-Purpose", "registration")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.phone").value(PHONE_MASKED))
                .andExpect(jsonPath("$.nationalId").value(NATIONAL_ID_MASKED));
    }

    @Test
    void memberAddedIsOnTheUnitsTopicKeyedByTheUnitWithoutPersonalData() throws Exception {
        String id = add(team, member(FULL_NAME, "DEPUTY_LEADER", PHONE, NATIONAL_ID, "2025-08-01", "2026-01-31"));

        var records = TopicProbe.read(Topics.UNITS, rs -> rs.stream().anyMatch(r -> r.value().contains(id)));
        var record = records.stream().filter(r -> r.value().contains(id)).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(team);
        assertThat(record.value()).doesNotContain(PHONE, NATIONAL_ID, FULL_NAME, "phone", "nationalId",
                "fullName");
        CloudEvent event = EventCodec.decode(record.value());
        assertThat(event.type()).isEqualTo("member.added.v1");
        assertThat(event.unitid()).isEqualTo(team);
        assertThat(EventCodec.data(event, EventTypes.MEMBER_ADDED)).isEqualTo(
                new MemberAdded(id, team, "DEPUTY_LEADER", LocalDate.of(2025, 8, 1), LocalDate.of(2026, 1, 31)));
        await().atMost(Duration.ofSeconds(10)).until(() -> roster(team).getList(Outbox.FIELD, Document.class).isEmpty());
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void personalDataNeverReachesALogLine(CapturedOutput output) throws Exception {
        String id = add(team, member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null));
        mvc.perform(get("/api/v1/units/{u}/members/{m}", team, id).with(piiReader()).header("X-Purpose", "audit-test"))
                .andExpect(jsonPath("$.phone").value(PHONE));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(piiReader()).header("X-Purpose", "audit-test"))
                .andExpect(jsonPath("$.items[0].nationalId").value(NATIONAL_ID));
        // refused bodies that carry personal data: a bad field beside good ones, wrong types, a broken body
        for (String bad : List.of(
                member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, TODAY.plusDays(3).toString(), null),
                member(FULL_NAME, "GALAXY", PHONE, NATIONAL_ID, "2025-08-01", null),
                member(FULL_NAME, "MEMBER", PHONE + "0", NATIONAL_ID + "1", "2025-08-01", null),
                "{\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":" + PHONE.substring(1) + "}",
                "{\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"nationalId\":\"" + NATIONAL_ID + "\"",
                "{\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"" + NATIONAL_ID + "\":1}")) {
            mvc.perform(post("/api/v1/units/{u}/members", team).with(admin()).contentType(MediaType.APPLICATION_JSON)
                    .content(bad)).andExpect(status().is4xxClientError());
        }
        assertThat(output.getAll()).as("the capture works").contains("Member " + id + " added");
        assertThat(output.getAll()).doesNotContain(PHONE, PHONE.substring(1), NATIONAL_ID, FULL_NAME);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty name           | {\"fullName\":\"\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}",
            "blank name           | {\"fullName\":\"   \",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}",
            "name of 201          | {\"fullName\":\"NAME201\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}",
            "no name              | {\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}",
            "no role              | {\"fullName\":\"A\",\"joinedOn\":\"2025-08-01\"}",
            "unknown role         | {\"fullName\":\"A\",\"role\":\"GALAXY\",\"joinedOn\":\"2025-08-01\"}",
            "foreign phone        | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":\"+12025550100\"}",
            "short phone          | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":\"090123\"}",
            "phone as number      | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":901234567}",
            "11-digit national id | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"nationalId\":\"00120301234\"}",
            "national id letters  | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"nationalId\":\"00120301234X\"}",
            "no joinedOn          | {\"fullName\":\"A\",\"role\":\"MEMBER\"}",
            "joinedOn not a date  | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"yesterday\"}",
            "joinedOn future      | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"FUTURE\"}",
            "left before joined   | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"leftOn\":\"2025-07-31\"}",
            "unknown field        | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"status\":\"ACTIVE\"}",
            "server-owned id      | {\"id\":\"m-1\",\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}",
            "operator as value    | {\"fullName\":{\"$gt\":\"\"},\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}",
            "operator as phone    | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"phone\":{\"$ne\":null}}",
            "operator as key      | {\"fullName\":\"A\",\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\",\"$where\":\"1\"}",
            "broken JSON          | {\"fullName\":\"A\",\"role\":\"MEMBER\"",
            "an array             | []"})
    void badInputIsAProblemAndStoresNothing(String why, String body) throws Exception {
        add(team, member("Trần Thị Bình", "TEAM_LEADER", null, null, "2024-01-15", null));
        String content = body.replace("NAME201", "A".repeat(201)).replace("FUTURE", TODAY.plusDays(1).toString());
        problem(mvc.perform(post("/api/v1/units/{u}/members", team).with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(content)), 400);
        assertThat(roster(team).getList("members", Document.class)).hasSize(1);
    }

    @Test
    void anUnknownUnitIsA404AndNothingIsStored() throws Exception {
        String unknown = "no-such-unit-" + UUID.randomUUID();
        problem(mvc.perform(post("/api/v1/units/{u}/members", unknown).with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content(member("A", "MEMBER", null, null, "2025-08-01", null))), 404);
        problem(mvc.perform(get("/api/v1/units/{u}/members", unknown).with(officer())), 404);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", unknown, "m-1").with(officer())), 404);
        assertThat(roster(unknown)).isNull();
    }

    @Test
    void aUnitThatHasEndedTakesNoNewMembers() throws Exception {
        add(team, member("Trần Thị Bình", "TEAM_LEADER", null, null, "2024-01-15", null));
        String successor = createUnit("{\"code\":\"S-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Tổ ANTT hợp nhất\",\"kind\":\"SECURITY_TEAM\",\"validFrom\":\"2025-07-01\"}");
        mvc.perform(post("/api/v1/units/merge").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sourceIds\":[\"" + team + "\"],\"target\":{\"id\":\"" + successor
                                + "\"},\"effectiveDate\":\"" + TODAY + "\"}"))
                .andExpect(status().is2xxSuccessful());

        problem(mvc.perform(post("/api/v1/units/{u}/members", team).with(admin()).contentType(MediaType.APPLICATION_JSON)
                .content(member("Lê Văn C", "MEMBER", null, null, "2025-08-01", null))), 422)
                .andExpect(jsonPath("$.errors[0].field").value("unitId"));
        assertThat(roster(team).getList("members", Document.class)).hasSize(1);
        add(successor, member("Lê Văn C", "MEMBER", null, null, "2025-08-01", null));
        mvc.perform(get("/api/v1/units/{u}/members", team).with(officer()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items", hasSize(1)));
    }

    @Test
    void theSameIdempotencyKeyAndBodyAddOnceAndAnswerTheSameMember() throws Exception {
        String body = member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null);
        String first = addWithKey(team, "key-" + team, body, 201);
        String again = addWithKey(team, "key-" + team, body, 201);
        assertThat(again).isEqualTo(first);
        assertThat(roster(team).getList("members", Document.class)).hasSize(1);

        problem(mvc.perform(post("/api/v1/units/{u}/members", team).with(admin()).header("Idempotency-Key", "key-" + team)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body.replace("TEAM_LEADER", "MEMBER"))), 422)
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        String other = addWithKey(team, "other-key-" + team, body, 201);
        assertThat(other).isNotEqualTo(first);
        assertThat(roster(team).getList("members", Document.class)).hasSize(2);

        String fresh = createUnit("{\"code\":\"F-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"name\":\"Tổ hòa giải\",\"kind\":\"MEDIATION_TEAM\"}");
        assertThat(addWithKey(fresh, "first-of-a-roster", body, 201))
                .as("a key on a unit's very first member").isEqualTo(addWithKey(fresh, "first-of-a-roster", body, 201));
        assertThat(roster(fresh).getList("members", Document.class)).hasSize(1);
        problem(mvc.perform(post("/api/v1/units/{u}/members", team).with(admin()).header("Idempotency-Key", "a.b$c")
                .contentType(MediaType.APPLICATION_JSON).content(body)), 400);
        assertThat(roster(team).getList("members", Document.class)).hasSize(2);
    }

    private String addWithKey(String unitId, String key, String body, int status) throws Exception {
        String json = mvc.perform(post("/api/v1/units/{u}/members", unitId).with(admin()).header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.phone").value(PHONE_MASKED))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    @Test
    void anUnknownMemberOrABadIdIsAProblem() throws Exception {
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", team, "no-such-member").with(officer())), 404);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", team, "$where").with(officer())), 400);
        problem(mvc.perform(get("/api/v1/units/{u}/members", "$where").with(officer())), 400);
        mvc.perform(get("/api/v1/units/{u}/members", team))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private org.springframework.test.web.servlet.ResultActions problem(
            org.springframework.test.web.servlet.ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.startsWith("https://phoihop.vn/problems/")));
    }

    private String add(String unitId, String body) throws Exception {
        String json = mvc.perform(post("/api/v1/units/{u}/members", unitId).with(admin())
                        .header("X-Request-Id", REQUEST_ID_PREFIX + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/units/" + unitId + "/members/")))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private String createUnit(String body) throws Exception {
        String json = mvc.perform(post("/api/v1/units").with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    static String member(String fullName, String role, String phone, String nationalId, String joinedOn, String leftOn) {
        var sb = new StringBuilder("{\"fullName\":\"" + fullName + "\",\"role\":\"" + role + "\",\"joinedOn\":\"" + joinedOn + "\"");
        if (phone != null) {
            sb.append(",\"phone\":\"").append(phone).append('"');
        }
        if (nationalId != null) {
            sb.append(",\"nationalId\":\"").append(nationalId).append('"');
        }
        if (leftOn != null) {
            sb.append(",\"leftOn\":\"").append(leftOn).append('"');
        }
        return sb.append('}').toString();
    }

    private Document roster(String unitId) {
        return database.getCollection("rosters").find(new Document("_id", unitId)).first();
    }

    private List<Document> auditEntries(String requestId) {
        return database.getCollection("audit").find(new Document("requestId", requestId)).into(new ArrayList<>());
    }

    static RequestPostProcessor admin() {
        return Callers.admin();
    }

    /** A unit officer without pii:read. */
    static RequestPostProcessor officer() {
        return Callers.caller("officer-plain", List.of("UNIT_OFFICER"), List.of("reports:read"));
    }

    static RequestPostProcessor piiReader() {
        return Callers.caller("officer-pii", List.of("UNIT_OFFICER"), List.of("pii:read"));
    }
}
