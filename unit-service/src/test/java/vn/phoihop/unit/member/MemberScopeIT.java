package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.phoihop.unit.member.TwoCommunes.id;
import static vn.phoihop.unit.member.TwoCommunes.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.PHONE_MASKED;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * Members are visible iff their unit is: a principal bound to commune A reads and adds members of A's teams only;
 * partners never read members; viewers and program managers read but do not add. Tree: A → TA, B → TB.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class MemberScopeIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    String communeA;
    String teamA;
    String teamB;
    String memberB;

    @BeforeEach
    void aTeamInEachOfTwoCommunes() throws Exception {
        var tree = TwoCommunes.create(mvc, "M");
        communeA = tree.communeA();
        teamA = tree.teamA();
        teamB = tree.teamB();
        memberB = id(add(teamB, member(), Callers.admin()).andExpect(status().isCreated()));
    }

    RequestPostProcessor officerA() {
        return Callers.caller("officer-a", List.of("UNIT_OFFICER"), List.of("pii:read"), "POLICE", communeA);
    }

    @Test
    void anotherCommunesMembersAreNotFoundAndNothingIsAdded() throws Exception {
        problem(mvc.perform(get("/api/v1/units/{u}/members", teamB).with(officerA())), 404);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", teamB, memberB).with(officerA())), 404);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", teamB, memberB).with(officerA())
                .header("X-Purpose", "verification")), 404);
        problem(add(teamB, member(), officerA()), 404);
        assertThat(members(teamB)).hasSize(1);
        assertThat(auditedReadsOf(memberB)).isZero();

        String own = id(add(teamA, member(), officerA()).andExpect(status().isCreated()));
        mvc.perform(get("/api/v1/units/{u}/members", teamA).with(officerA())).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(own))
                .andExpect(jsonPath("$.items[0].phone").value(PHONE_MASKED));
        mvc.perform(get("/api/v1/units/{u}/members/{m}", teamB, memberB).with(Callers.admin())).andExpect(status().isOk());
    }

    @Test
    void theMemberIdMustBelongToTheUnitInThePath() throws Exception {
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", teamA, memberB).with(officerA())), 404);
    }

    @Test
    void rolesDecideWhoReadsAndAddsMembers() throws Exception {
        RequestPostProcessor partner = Callers.caller("partner", List.of("PARTNER"), List.of("pii:read"), "OTHER", null);
        problem(mvc.perform(get("/api/v1/units/{u}/members", teamB).with(partner)), 403);
        problem(mvc.perform(get("/api/v1/units/{u}/members/{m}", teamB, memberB).with(partner)), 403);
        for (String role : List.of("VIEWER", "PROGRAM_MANAGER")) {
            RequestPostProcessor reader = Callers.caller("r-" + role, List.of(role), List.of(), "OTHER", communeA);
            mvc.perform(get("/api/v1/units/{u}/members", teamA).with(reader)).andExpect(status().isOk());
            problem(mvc.perform(get("/api/v1/units/{u}/members", teamB).with(reader)), 404);
            problem(add(teamA, member(), reader), 403);
        }
        problem(add(teamA, member(), partner), 403);
        assertThat(members(teamA)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"id\":\"m-forged\"", "\"unitId\":\"u-1\"", "\"addedBy\":\"someone\"", "\"addedAt\":\"2025-01-01T00:00:00Z\"",
            "\"status\":\"ACTIVE\"", "\"phone\":{\"$ne\":null}", "\"nationalId\":{\"$gt\":\"\"}", "\"$where\":\"1\"",
            "\"fullName.x\":\"y\""})
    void serverOwnedUnknownAndOperatorFieldsAre400(String field) throws Exception {
        problem(add(teamA, member().replace("}", "," + field + "}"), Callers.admin()), 400);
        problem(add(teamA, "{\"fullName\":{\"$ne\":null},\"role\":\"MEMBER\",\"joinedOn\":\"2025-08-01\"}", Callers.admin()), 400);
        assertThat(members(teamA)).isEmpty();
    }

    @Test
    void anUnboundedLimitIs400() throws Exception {
        problem(mvc.perform(get("/api/v1/units/{u}/members", teamB).param("limit", "100000").with(Callers.admin())), 400);
    }

    private static String member() {
        return MembersIT.member("Nguyễn Văn Tổ", "MEMBER", PHONE, null, "2025-08-01", null);
    }

    private ResultActions add(String unitId, String body, RequestPostProcessor caller) throws Exception {
        return mvc.perform(post("/api/v1/units/{u}/members", unitId).with(caller).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private List<Document> members(String unitId) {
        return TwoCommunes.members(database, unitId);
    }

    private long auditedReadsOf(String memberId) {
        // reads of personal data only: the member's creation is in the audit too, as every write is
        return database.getCollection("audit").countDocuments(new Document("resourceIds", memberId)
                .append("action", vn.phoihop.platform.audit.AuditEntry.READ_PERSONAL_DATA));
    }
}
