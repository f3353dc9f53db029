package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.phoihop.unit.member.TwoCommunes.id;
import static vn.phoihop.unit.member.TwoCommunes.problem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.logguard.PersonalDataSamples.FULL_NAME;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_MASKED;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * A member's rights over their personal data (Decree 13/2023/NĐ-CP): the consent record, its withdrawal, erasure
 * on request and the export of everything held, with who may ask for each. Tree: commune A → team A, commune B →
 * team B; officer A is bound to commune A.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class MemberRightsIT {

    static final String TODAY = MembersIT.TODAY.toString();
    static final String CONSENT = "{\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"evidence\":\"Phiếu đồng ý số 12/2025\"}";
    static final String LEGAL = "{\"basis\":\"LEGAL_OBLIGATION\",\"givenOn\":\"2025-07-15\"}";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    String communeA;
    String teamA;
    String teamB;

    @BeforeEach
    void aTeamInEachOfTwoCommunes() throws Exception {
        var tree = TwoCommunes.create(mvc, "R");
        communeA = tree.communeA();
        teamA = tree.teamA();
        teamB = tree.teamB();
    }

    // --- consent ------------------------------------------------------------------------------------------------

    @Test
    void aMemberAddedWithConsentCarriesItsRecordAndOneAddedWithoutHasNone() throws Exception {
        String id = add(teamA, withConsent(person(), CONSENT), officerA());
        mvc.perform(get("/api/v1/units/{u}/members/{m}", teamA, id).with(officerA()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.phone").value(PHONE_MASKED))
                .andExpect(jsonPath("$.consent.basis").value("CONSENT"))
                .andExpect(jsonPath("$.consent.givenOn").value("2025-08-01"))
                .andExpect(jsonPath("$.consent.evidence").value("Phiếu đồng ý số 12/2025"))
                .andExpect(jsonPath("$.consent.recordedBy").value("officer-a"))
                .andExpect(jsonPath("$.consent.recordedAt").isNotEmpty())
                .andExpect(jsonPath("$.consent.withdrawnOn").value(nullValue()))
                .andExpect(jsonPath("$.erasedAt").value(nullValue()));

        String without = add(teamA, person(), officerA());
        mvc.perform(get("/api/v1/units/{u}/members/{m}", teamA, without).with(officerA()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.consent").value(nullValue()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "future givenOn       | {\"basis\":\"CONSENT\",\"givenOn\":\"FUTURE\"}",
            "unknown basis        | {\"basis\":\"MAYBE\",\"givenOn\":\"2025-08-01\"}",
            "no basis             | {\"givenOn\":\"2025-08-01\"}",
            "no givenOn           | {\"basis\":\"CONSENT\"}",
            "bad date             | {\"basis\":\"CONSENT\",\"givenOn\":\"01/08/2025\"}",
            "overlong evidence    | {\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"evidence\":\"TEXT201\"}",
            "control in evidence  | {\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"evidence\":\"a\\nb\"}",
            "server-owned by      | {\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"recordedBy\":\"someone\"}",
            "server-owned at      | {\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"recordedAt\":\"2025-08-01T00:00:00Z\"}",
            "server-owned withdrawn | {\"basis\":\"CONSENT\",\"givenOn\":\"2025-08-01\",\"withdrawnOn\":\"2025-08-02\"}",
            "operator             | {\"basis\":{\"$ne\":null},\"givenOn\":\"2025-08-01\"}",
            "not an object        | \"CONSENT\""})
    void badConsentIsA400AndChangesNothing(String why, String consent) throws Exception {
        String body = consent.replace("FUTURE", MembersIT.TODAY.plusDays(1).toString()).replace("TEXT201", "x".repeat(201));
        problem(send(post("/api/v1/units/{u}/members", teamA), withConsent(person(), body), officerA()), 400);
        assertThat(members(teamA)).isEmpty();

        String id = add(teamA, person(), officerA());
        problem(send(put("/api/v1/units/{u}/members/{m}/consent", teamA, id), body, officerA()), 400);
        assertThat(stored(teamA, id)).containsEntry("consent", null).containsEntry("phone", PHONE);
    }

    @Test
    void consentIsRecordedThenReplacedAndMembersWithoutItAreFound() throws Exception {
        String missing = add(teamA, person(), officerA());
        String noData = add(teamA, MembersIT.member("Trần Thị Bình", "MEMBER", null, null, "2025-08-01", null), officerA());
        String covered = add(teamA, withConsent(person(), LEGAL), officerA());
        assertThat(lackingConsent(teamA)).containsExactly(missing).doesNotContain(noData, covered);

        // a unit officer without pii:read records consent: it is not the personal data itself
        RequestPostProcessor plain = Callers.caller("officer-plain-a", List.of("UNIT_OFFICER"), List.of(), "POLICE", communeA);
        send(put("/api/v1/units/{u}/members/{m}/consent", teamA, missing), LEGAL, plain)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(missing))
                .andExpect(jsonPath("$.phone").value(PHONE_MASKED))
                .andExpect(jsonPath("$.consent.basis").value("LEGAL_OBLIGATION"))
                .andExpect(jsonPath("$.consent.evidence").value(nullValue()))
                .andExpect(jsonPath("$.consent.recordedBy").value("officer-plain-a"));
        assertThat(lackingConsent(teamA)).isEmpty();

        send(put("/api/v1/units/{u}/members/{m}/consent", teamA, missing), CONSENT, officerA())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consent.basis").value("CONSENT"))
                .andExpect(jsonPath("$.consent.recordedBy").value("officer-a"));
        assertThat(stored(teamA, missing).get("consent", Document.class)).containsEntry("basis", "CONSENT")
                .containsEntry("evidence", "Phiếu đồng ý số 12/2025");
    }

    @ParameterizedTest
    @ValueSource(strings = {"present", "MISSING", "", "{\"$ne\":null}"})
    void anUnknownConsentFilterIsA400(String value) throws Exception {
        problem(mvc.perform(get("/api/v1/units/{u}/members", teamA).param("consent", value).with(officerA())), 400)
                .andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.containsString("consent")));
    }

    @Test
    void theRightsOfAnUnknownMemberAre404() throws Exception {
        problem(send(put("/api/v1/units/{u}/members/{m}/consent", teamA, "no-such-member"), CONSENT, officerA()), 404);
        problem(mvc.perform(delete("/api/v1/units/{u}/members/{m}/consent", teamA, "no-such-member").with(officerA())), 404);
        problem(send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, "no-such-member"), reason("r"), officerA()), 404);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", teamA, "no-such-member")
                .header("X-Purpose", "subject-request").with(officerA())), 404);
        problem(send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, "$where"), reason("r"), officerA()), 400);
    }

    // --- erasure ------------------------------------------------------------------------------------------------

    @Test
    void erasureRemovesThePersonalDataAndItsTracesAndKeepsTheHistory() throws Exception {
        String body = MembersIT.member(FULL_NAME, "TEAM_LEADER", PHONE, NATIONAL_ID, "2025-08-01", null);
        String id = add(teamA, body, officerA(), "erase-key");
        String fingerprint = MemberRoster.fingerprint(new MemberRoster.NewMember(FULL_NAME, MemberRole.TEAM_LEADER,
                PHONE, NATIONAL_ID, LocalDate.parse("2025-08-01"), null));
        assertThat(rosterJson(teamA)).as("the test looks for what is there").contains(PHONE, NATIONAL_ID, FULL_NAME,
                fingerprint);

        String requestId = "erase-" + UUID.randomUUID();
        String erasedAt = JsonPath.read(send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, id)
                        .header("X-Request-Id", requestId), reason("Đơn yêu cầu xoá dữ liệu số 7/2026"), officerA())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.fullName").value(nullValue()))
                .andExpect(jsonPath("$.phone").value(nullValue()))
                .andExpect(jsonPath("$.nationalId").value(nullValue()))
                .andExpect(jsonPath("$.role").value("TEAM_LEADER"))
                .andExpect(jsonPath("$.joinedOn").value("2025-08-01"))
                .andExpect(jsonPath("$.addedBy").value("officer-a"))
                .andReturn().getResponse().getContentAsString(), "$.erasedAt");
        assertThat(erasedAt).isNotBlank();

        mvc.perform(get("/api/v1/units/{u}/members/{m}", teamA, id).with(officerA()).header("X-Purpose", "check-erasure"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fullName").value(nullValue()))
                .andExpect(jsonPath("$.phone").value(nullValue()))
                .andExpect(jsonPath("$.nationalId").value(nullValue()))
                .andExpect(jsonPath("$.erasedAt").value(erasedAt));
        assertThat(rosterJson(teamA)).doesNotContain(PHONE, PHONE.substring(1), NATIONAL_ID, FULL_NAME, fingerprint);
        assertThat(stored(teamA, id)).containsEntry("id", id).containsEntry("role", "TEAM_LEADER")
                .containsEntry("joinedOn", "2025-08-01").containsEntry("addedBy", "officer-a")
                .doesNotContainKeys("fullName", "phone", "nationalId");

        assertThat(audit(requestId)).extracting(e -> e.getString("action"))
                .containsExactlyInAnyOrder("personal-data.erase", "POST /api/v1/units/{unitId}/members/{memberId}/erasure");
        assertThat(audit(requestId)).filteredOn(e -> e.getString("action").equals("personal-data.erase")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getString("actor")).isEqualTo("officer-a");
                    assertThat(e.getString("purpose")).isEqualTo("Đơn yêu cầu xoá dữ liệu số 7/2026");
                    assertThat(e.getList("resourceIds", String.class)).containsExactly(id);
                    assertThat(e.getString("unitId")).isEqualTo(teamA);
                });

        // a repeat is harmless: same answer, nothing erased again
        String again = "erase-again-" + UUID.randomUUID();
        send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, id).header("X-Request-Id", again), reason("repeat"),
                officerA())
                .andExpect(status().isOk()).andExpect(jsonPath("$.erasedAt").value(erasedAt));
        assertThat(audit(again)).extracting(e -> e.getString("action")).doesNotContain("personal-data.erase");

        // the request that added the person cannot bring them back, and an erased member takes no consent
        problem(send(post("/api/v1/units/{u}/members", teamA).header("Idempotency-Key", "erase-key"), body, officerA()), 409);
        assertThat(members(teamA)).hasSize(1);
        problem(send(put("/api/v1/units/{u}/members/{m}/consent", teamA, id), CONSENT, officerA()), 409);
        assertThat(stored(teamA, id)).containsEntry("consent", null);
        for (Document entry : database.getCollection("audit").find(new Document("resourceIds", id))) {
            assertThat(entry.toJson()).doesNotContain(PHONE, NATIONAL_ID, FULL_NAME);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no reason       | {}",
            "empty reason    | {\"reason\":\"\"}",
            "blank reason    | {\"reason\":\"   \"}",
            "overlong reason | {\"reason\":\"TEXT201\"}",
            "control in it   | {\"reason\":\"a\\u0007b\"}",
            "unknown field   | {\"reason\":\"r\",\"erasedAt\":\"2026-01-01T00:00:00Z\"}",
            "operator        | {\"reason\":{\"$ne\":null}}",
            "broken JSON     | {\"reason\":",
            "no body         | ''"})
    void aBadErasureRequestIsA400AndErasesNothing(String why, String body) throws Exception {
        String id = add(teamA, person(), officerA());
        problem(send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, id), body.replace("TEXT201", "x".repeat(201)),
                officerA()), 400);
        assertThat(stored(teamA, id)).containsEntry("phone", PHONE).doesNotContainKey("erasedAt");
    }

    // --- withdrawal ---------------------------------------------------------------------------------------------

    @Test
    void withdrawingConsentRecordsTheDayAndErases() throws Exception {
        String id = add(teamA, withConsent(person(), CONSENT), officerA());
        String requestId = "withdraw-" + UUID.randomUUID();
        RequestPostProcessor plain = Callers.caller("officer-plain-a", List.of("UNIT_OFFICER"), List.of(), "POLICE", communeA);
        mvc.perform(delete("/api/v1/units/{u}/members/{m}/consent", teamA, id).with(plain).header("X-Request-Id", requestId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consent.basis").value("CONSENT"))
                .andExpect(jsonPath("$.consent.withdrawnOn").value(TODAY))
                .andExpect(jsonPath("$.erasedAt").isNotEmpty())
                .andExpect(jsonPath("$.fullName").value(nullValue()))
                .andExpect(jsonPath("$.phone").value(nullValue()));
        assertThat(rosterJson(teamA)).doesNotContain(PHONE, "Nguyễn Văn Tổ");
        assertThat(audit(requestId)).filteredOn(e -> e.getString("action").equals("personal-data.erase")).singleElement()
                .satisfies(e -> assertThat(e.getString("purpose")).isEqualTo("consent withdrawn"));

        mvc.perform(delete("/api/v1/units/{u}/members/{m}/consent", teamA, id).with(plain))
                .andExpect(status().isOk()).andExpect(jsonPath("$.consent.withdrawnOn").value(TODAY));
        assertThat(lackingConsent(teamA)).isEmpty();
    }

    @Test
    void onlyConsentCanBeWithdrawn() throws Exception {
        String none = add(teamA, person(), officerA());
        String legal = add(teamA, withConsent(person(), LEGAL), officerA());
        for (String id : List.of(none, legal)) {
            problem(mvc.perform(delete("/api/v1/units/{u}/members/{m}/consent", teamA, id).with(officerA())), 422)
                    .andExpect(jsonPath("$.errors[0].field").value("consent"));
            assertThat(stored(teamA, id)).containsEntry("phone", PHONE).doesNotContainKey("erasedAt");
        }
    }

    // --- export -------------------------------------------------------------------------------------------------

    @Test
    void theExportHoldsTheRecordItsConsentAndWhoReadItWhenAndWhy() throws Exception {
        String id = add(teamA, withConsent(MembersIT.member(FULL_NAME, "MEMBER", PHONE, NATIONAL_ID, "2025-08-01", null),
                CONSENT), officerA());
        RequestPostProcessor reader = Callers.caller("reader-a", List.of("VIEWER"), List.of("pii:read"), "FRONT", communeA);
        mvc.perform(get("/api/v1/units/{u}/members/{m}", teamA, id).with(reader).header("X-Purpose", "case-verification"))
                .andExpect(jsonPath("$.phone").value(PHONE));

        String requestId = "export-" + UUID.randomUUID();
        String json = mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", teamA, id).with(officerA())
                        .header("X-Purpose", "subject-access-request").header("X-Request-Id", requestId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.member.id").value(id))
                .andExpect(jsonPath("$.member.fullName").value(FULL_NAME))
                .andExpect(jsonPath("$.member.phone").value(PHONE))
                .andExpect(jsonPath("$.member.nationalId").value(NATIONAL_ID))
                .andExpect(jsonPath("$.member.consent.basis").value("CONSENT"))
                .andExpect(jsonPath("$.exportedAt").isNotEmpty())
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> trail = JsonPath.read(json, "$.auditTrail");
        assertThat(trail).as("newest first: this export, the read, the add").hasSize(3);
        assertThat(trail.get(0)).containsEntry("actor", "officer-a").containsEntry("action", "personal-data.read")
                .containsEntry("purpose", "subject-access-request").containsEntry("outcome", "SUCCESS");
        assertThat(trail.get(1)).containsEntry("actor", "reader-a").containsEntry("action", "personal-data.read")
                .containsEntry("purpose", "case-verification").containsKey("at");
        assertThat(trail.get(2)).containsEntry("action", "POST /api/v1/units/{unitId}/members");
        assertThat(audit(requestId)).singleElement().satisfies(e -> {
            assertThat(e.getString("action")).isEqualTo("personal-data.read");
            assertThat(e.getList("resourceIds", String.class)).containsExactly(id);
            assertThat(e.getString("purpose")).isEqualTo("subject-access-request");
        });
    }

    @Test
    void anExportNeedsAPurposeAndAnErasedMembersExportHoldsNoPersonalData() throws Exception {
        String id = add(teamA, person(), officerA());
        String requestId = "export-nopurpose-" + UUID.randomUUID();
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", teamA, id).with(officerA())
                .header("X-Request-Id", requestId)), 400)
                .andExpect(jsonPath("$.errors[0].field").value("X-Purpose"))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString(PHONE))));
        assertThat(audit(requestId)).isEmpty();

        send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, id), reason("subject request"), officerA())
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", teamA, id).with(officerA())
                        .header("X-Purpose", "subject-access-request"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.member.phone").value(nullValue()))
                .andExpect(jsonPath("$.member.erasedAt").isNotEmpty())
                .andExpect(jsonPath("$.auditTrail[*].action").value(hasItem("personal-data.erase")))
                .andExpect(content().string(not(org.hamcrest.Matchers.containsString(PHONE))));
    }

    // --- who may ------------------------------------------------------------------------------------------------

    @Test
    void rolesWithoutTheRightAre403AndChangeNothing() throws Exception {
        String id = add(teamA, withConsent(person(), CONSENT), officerA());
        for (String role : List.of("VIEWER", "PROGRAM_MANAGER", "PARTNER")) {
            var caller = Callers.caller("r-" + role, List.of(role), List.of("pii:read"), "OTHER", communeA);
            everyRight(teamA, id, caller, 403);
        }
        // erasure and export handle the personal data itself: pii:read too, whatever the role
        for (var caller : List.of(Callers.admin(), Callers.caller("officer-plain-a", List.of("UNIT_OFFICER"), List.of(),
                "POLICE", communeA))) {
            problem(send(post("/api/v1/units/{u}/members/{m}/erasure", teamA, id), reason("r"), caller), 403);
            problem(mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", teamA, id)
                    .header("X-Purpose", "p").with(caller)), 403);
        }
        problem(send(put("/api/v1/units/{u}/members/{m}/consent", teamA, id), LEGAL, Callers.caller("nobody",
                List.of(), List.of("pii:read"))), 403);
        assertThat(stored(teamA, id)).containsEntry("phone", PHONE).doesNotContainKey("erasedAt");
        assertThat(stored(teamA, id).get("consent", Document.class)).containsEntry("basis", "CONSENT")
                .containsEntry("withdrawnOn", null);
    }

    @Test
    void anotherCommunesMembersAreNotFoundAndKeepTheirData() throws Exception {
        var adminWithPii = Callers.caller("admin-pii", List.of("ADMIN"), List.of("pii:read"));
        String id = add(teamB, withConsent(person(), CONSENT), adminWithPii);
        everyRight(teamB, id, officerA(), 404);
        assertThat(stored(teamB, id)).containsEntry("phone", PHONE).doesNotContainKey("erasedAt");
        assertThat(audit("resourceIds", id)).extracting(e -> e.getString("action")).doesNotContain("personal-data.read",
                "personal-data.erase");

        // a national admin with pii:read may do all of it
        mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", teamB, id).with(adminWithPii)
                .header("X-Purpose", "subject-access-request")).andExpect(status().isOk());
        send(post("/api/v1/units/{u}/members/{m}/erasure", teamB, id), reason("subject request"), adminWithPii)
                .andExpect(status().isOk()).andExpect(jsonPath("$.phone").value(nullValue()));
    }

    /** Each of the four calls answers {@code status} to {@code caller}. */
    private void everyRight(String unitId, String id, RequestPostProcessor caller, int status) throws Exception {
        problem(send(put("/api/v1/units/{u}/members/{m}/consent", unitId, id), LEGAL, caller), status);
        problem(mvc.perform(delete("/api/v1/units/{u}/members/{m}/consent", unitId, id).with(caller)), status);
        problem(send(post("/api/v1/units/{u}/members/{m}/erasure", unitId, id), reason("r"), caller), status);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}/personal-data", unitId, id)
                .header("X-Purpose", "subject-access-request").with(caller)), status);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private RequestPostProcessor officerA() {
        return Callers.caller("officer-a", List.of("UNIT_OFFICER"), List.of("pii:read"), "POLICE", communeA);
    }

    private static String person() {
        return MembersIT.member("Nguyễn Văn Tổ", "MEMBER", PHONE, NATIONAL_ID, "2025-08-01", null);
    }

    private static String withConsent(String member, String consent) {
        return member.substring(0, member.length() - 1) + ",\"consent\":" + consent + "}";
    }

    private static String reason(String reason) {
        return "{\"reason\":\"" + reason + "\"}";
    }

    private List<String> lackingConsent(String unitId) throws Exception {
        return JsonPath.read(mvc.perform(get("/api/v1/units/{u}/members", unitId).param("consent", "missing")
                        .with(officerA())).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].phone").value(not(hasItem(PHONE))))
                .andReturn().getResponse().getContentAsString(), "$.items[*].id");
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String body, RequestPostProcessor caller)
            throws Exception {
        return mvc.perform(request.with(caller).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String add(String unitId, String body, RequestPostProcessor caller) throws Exception {
        return id(send(post("/api/v1/units/{u}/members", unitId), body, caller).andExpect(status().isCreated()));
    }

    private String add(String unitId, String body, RequestPostProcessor caller, String key) throws Exception {
        return id(send(post("/api/v1/units/{u}/members", unitId).header("Idempotency-Key", key), body, caller)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.nationalId").value(NATIONAL_ID_MASKED)));
    }

    private List<Document> members(String unitId) {
        return TwoCommunes.members(database, unitId);
    }

    private Document stored(String unitId, String memberId) {
        return members(unitId).stream().filter(m -> memberId.equals(m.getString("id"))).findFirst().orElseThrow();
    }

    /** The raw roster document, idempotency records and pending events included. */
    private String rosterJson(String unitId) {
        return database.getCollection("rosters").find(new Document("_id", unitId)).first().toJson();
    }

    private List<Document> audit(String requestId) {
        return audit("requestId", requestId);
    }

    private List<Document> audit(String field, String value) {
        return database.getCollection("audit").find(new Document(field, value)).into(new ArrayList<>());
    }
}
