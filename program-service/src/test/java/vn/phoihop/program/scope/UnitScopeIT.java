package vn.phoihop.program.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.program.unitview.mongo.UnitPlaces;
import vn.phoihop.testsupport.Callers;
import vn.phoihop.testsupport.WithInfrastructure;

/**
 * The abuse suite of program-service: a principal of commune A against commune B's programs, progress, exports and
 * reviews (404, lists of A's only, 403 on a wider unit), roles refused per action, and bodies that try to set
 * server-owned fields or smuggle Mongo operators. The tree: province P ⊃ district D ⊃ communes A and B; province Q.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitScopeIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String P = "p-" + RUN;
    static final String D = "d-" + RUN;
    static final String A = "a-" + RUN;
    static final String B = "b-" + RUN;
    static final String Q = "q-" + RUN;

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    String ofA;
    String ofB;
    String ofP;
    String ofQ;
    String national;
    String reviewOfA;
    String reviewOfB;

    @BeforeAll
    void aTreeProgramsAndReviews(@Autowired UnitPlaces places) throws Exception {
        for (String[] unit : new String[][] {{P, null}, {D, P}, {A, D}, {B, D}, {Q, null}}) {
            places.placed(unit[0], unit[1]);
            places.named(unit[0], "Đơn vị " + unit[0]);
        }
        places.changed();
        ofA = program("A", A);
        ofB = program("B", B);
        ofP = program("P", P);
        ofQ = program("Q", Q);
        national = program("N", null);
        reviewOfA = review(ofP, A, admin());
        reviewOfB = review(ofP, B, admin());
    }

    @Test
    void aCommuneSeesItsOwnProgramsAndThoseItTakesPartInButNotItsNeighbours() throws Exception {
        for (var caller : List.of(manager(A), officer(A), viewer(A), partner(A))) {
            call(get("/api/v1/programs/" + ofA), caller, 200);
            call(get("/api/v1/programs/" + ofP), caller, 200);
            call(get("/api/v1/programs/" + national), caller, 200);
            call(get("/api/v1/programs/" + ofB), caller, 404);
            call(get("/api/v1/programs/" + ofQ), caller, 404);
        }
        assertThat(listed(manager(A), "")).containsExactlyInAnyOrder(ofA, ofP, national);
        assertThat(listed(manager(D), "")).containsExactlyInAnyOrder(ofA, ofB, ofP, national);
        assertThat(listed(admin(), "")).containsExactlyInAnyOrder(ofA, ofB, ofP, ofQ, national);
    }

    @Test
    void listsAreFilteredInTheQuerySoPagesStayFull() throws Exception {
        assertThat(pages("/api/v1/programs?q=" + RUN, manager(A))).containsExactlyInAnyOrder(ofA, ofP, national);
        review(ofP, B, admin());
        String reviews = "/api/v1/programs/" + ofP + "/reviews?x=1";
        List<String> ofCommuneA = pages(reviews, viewer(A));
        assertThat(ofCommuneA).contains(reviewOfA).doesNotContain(reviewOfB);
        for (String id : ofCommuneA) {
            assertThat((String) JsonPath.read(call(get("/api/v1/programs/" + ofP + "/reviews/" + id), admin(), 200),
                    "$.unitId")).isEqualTo(A);
        }
        assertThat(pages(reviews, viewer(D))).contains(reviewOfA, reviewOfB).containsAll(ofCommuneA).doesNotHaveDuplicates();
        for (String bad : List.of("limit=100000", "limit=0", "cursor=bm90LWEtY29kZSQk", "cursor=%24gt")) {
            call(get("/api/v1/programs/" + ofP + "/reviews?" + bad), viewer(A), 400);
        }
    }

    /** Every item of a list, read a page of one at a time: each page full, none repeated. */
    private List<String> pages(String list, RequestPostProcessor caller) throws Exception {
        var seen = new java.util.ArrayList<String>();
        String cursor = null;
        do {
            String json = call(get(list + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)), caller, 200);
            List<String> page = JsonPath.read(json, "$.items[*].id");
            assertThat(page).hasSize(1);
            seen.addAll(page);
            cursor = JsonPath.read(json, "$.nextCursor");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        return seen;
    }

    @Test
    void writesNeedTheProgramsWholeScopeInsideTheCallersSubtree() throws Exception {
        String indicator = "{\"code\":\"w" + UUID.randomUUID().toString().substring(0, 6) + "\",\"name\":\"Buổi\",\"aggregation\":\"SUM\"}";
        call(json(post("/api/v1/programs/" + ofB + "/indicators"), indicator), manager(A), 404);
        call(json(post("/api/v1/programs/" + ofQ + "/enrollments"), "{\"unitId\":\"" + Q + "\"}"), manager(A), 404);
        call(json(post("/api/v1/programs/" + ofP + "/indicators"), indicator), manager(A), 403);
        call(post("/api/v1/programs/" + national + "/activate"), manager(A), 403);
        call(json(post("/api/v1/programs/" + ofP + "/enrollments"), "{\"unitId\":\"" + A + "\"}"), manager(A), 403);
        call(json(post("/api/v1/programs/" + ofA + "/indicators"), indicator), manager(A), 201);
        call(json(post("/api/v1/programs/" + ofA + "/enrollments"), "{\"unitId\":\"" + A + "\"}"), manager(A), 201);
        call(json(post("/api/v1/programs/" + ofP + "/enrollments"), "{\"unitId\":\"" + D + "\"}"), manager(P), 201);
        String json = call(get("/api/v1/programs/" + ofP), admin(), 200);
        assertThat((List<String>) JsonPath.read(json, "$.enrolledUnitIds")).containsExactly(D);
        assertThat((List<?>) JsonPath.read(json, "$.indicators")).isEmpty();
    }

    @Test
    void aScopedManagerCreatesProgramsOnlyInsideItsSubtree() throws Exception {
        long before = database.getCollection("programs").countDocuments();
        call(json(post("/api/v1/programs"), body("x1", B)), manager(A), 403);
        call(json(post("/api/v1/programs"), body("x2", D)), manager(A), 403);
        call(json(post("/api/v1/programs"), body("x3", null)), manager(A), 403);
        assertThat(database.getCollection("programs").countDocuments()).isEqualTo(before);
        call(json(post("/api/v1/programs"), body("x4", A)), manager(A), 201);
        call(json(post("/api/v1/programs"), body("x5", A)), manager(D), 201);
    }

    @Test
    void rolesAreRefusedPerActionBeforeAnyScope() throws Exception {
        long before = database.getCollection("programs").countDocuments();
        call(json(post("/api/v1/programs"), body("r1", A)), officer(A), 403);
        call(json(post("/api/v1/programs"), body("r2", null)), Callers.caller("o", List.of("UNIT_OFFICER"), List.of()), 403);
        for (var caller : List.of(viewer(A), partner(A), officer(A), viewer(null))) {
            call(json(post("/api/v1/programs"), body("r3", A)), caller, 403);
            call(post("/api/v1/programs/" + ofA + "/activate"), caller, 403);
            call(json(post("/api/v1/programs/" + ofA + "/enrollments"), "{\"unitId\":\"" + A + "\"}"), caller, 403);
            call(json(post("/api/v1/programs/" + ofA + "/reviews"), reviewBody(A)), caller, 403);
            call(json(post("/api/v1/programs/" + ofP + "/reviews/" + reviewOfA + "/awards"), award(null)), caller, 403);
            call(post("/api/v1/programs/progress/rebuild"), caller, 403);
        }
        call(post("/api/v1/programs/progress/rebuild"), manager(null), 403);
        // the whole country's progress: not for an admin bound to a unit
        call(post("/api/v1/programs/progress/rebuild"), Callers.caller("admin-of-a", List.of("ADMIN"), List.of(), "OTHER", A), 403);
        call(get("/api/v1/programs/progress/rebuild"), manager(null), 403);
        call(get("/api/v1/programs/" + ofA), Callers.caller("nobody", List.of("AUDITOR"), List.of(), null, A), 403);
        assertThat(database.getCollection("programs").countDocuments()).isEqualTo(before);
        call(get("/api/v1/programs/" + ofA + "/progress"), partner(A), 200);
    }

    @Test
    void progressAndItsExportsStayInsideTheCallersSubtree() throws Exception {
        for (var request : List.of(progress(ofP), csv(ofP), xlsx(ofP))) {
            call(request.get().param("unitId", A), viewer(A), 200);
            call(request.get().param("unitId", B), viewer(A), 403);
            call(request.get().param("unitId", D), viewer(A), 403);
            call(request.get().param("unitId", Q), viewer(A), 403);
            call(request.get().param("unitId", "nowhere"), viewer(A), 403);
            call(request.get(), viewer(A), 200);
            call(request.get().param("unitId", B), admin(), 200);
        }
        for (var request : List.of(progress(ofB), csv(ofB), xlsx(ofQ))) {
            call(request.get(), viewer(A), 404);
        }
        assertThat((String) JsonPath.read(call(progress(ofP).get(), viewer(A), 200), "$.unitId")).isEqualTo(A);
        assertThat((String) JsonPath.read(call(progress(ofP).get(), viewer(D), 200), "$.unitId")).isEqualTo(D);
        assertThat(call(csv(ofP).get(), viewer(A), 200)).contains("(" + A + ")");
    }

    @Test
    void reviewsOfAnotherUnitAreNotFoundAndNotListed() throws Exception {
        String reviews = "/api/v1/programs/" + ofP + "/reviews";
        assertThat((List<String>) JsonPath.read(call(get(reviews), viewer(A), 200), "$.items[*].id"))
                .contains(reviewOfA).doesNotContain(reviewOfB);
        assertThat((List<String>) JsonPath.read(call(get(reviews), viewer(D), 200), "$.items[*].id"))
                .contains(reviewOfA, reviewOfB);
        call(get(reviews), viewer(Q), 404);
        call(get(reviews + "/" + reviewOfA), viewer(A), 200);
        call(get(reviews + "/" + reviewOfA + ".xlsx"), viewer(A), 200);
        call(get(reviews + "/" + reviewOfB), viewer(A), 404);
        call(get(reviews + "/" + reviewOfB + ".xlsx"), viewer(A), 404);
        call(json(post(reviews + "/" + reviewOfB + "/awards"), award(null)), manager(A), 404);
        call(get(reviews + "/" + reviewOfB), admin(), 200);
    }

    @Test
    void reviewsAndAwardsAreMadeOnlyForUnitsInsideTheCallersSubtree() throws Exception {
        String reviews = "/api/v1/programs/" + ofP + "/reviews";
        long before = database.getCollection("reviews").countDocuments();
        call(json(post(reviews), reviewBody(B)), manager(A), 403);
        call(json(post(reviews), reviewBody(D)), manager(A), 403);
        call(json(post("/api/v1/programs/" + ofQ + "/reviews"), reviewBody(A)), manager(A), 404);
        assertThat(database.getCollection("reviews").countDocuments()).isEqualTo(before);
        review(ofP, A, manager(A));

        call(json(post(reviews + "/" + reviewOfA + "/awards"), award(B)), manager(A), 403);
        call(json(post(reviews + "/" + reviewOfA + "/awards"), award(A)), manager(A), 201);
        call(json(post(reviews + "/" + reviewOfA + "/awards"), award(null)), manager(A), 201);
        assertThat((List<?>) JsonPath.read(call(get(reviews + "/" + reviewOfA), admin(), 200), "$.awards"))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void bodiesRefuseServerOwnedFieldsAndOperators() throws Exception {
        String program = "/api/v1/programs/" + ofA;
        String reviews = "/api/v1/programs/" + ofP + "/reviews";
        var bad = List.of(
                json(post(program + "/indicators"), "{\"id\":\"i\",\"code\":\"c\",\"name\":\"n\",\"aggregation\":\"SUM\"}"),
                json(post(program + "/indicators"), "{\"code\":\"c\",\"name\":\"$where\",\"aggregation\":\"SUM\"}"),
                json(post(program + "/indicators"), "{\"code\":{\"$ne\":null},\"name\":\"n\",\"aggregation\":\"SUM\"}"),
                json(post(program + "/targets"), "{\"status\":\"ACTIVE\",\"indicatorCode\":\"c\",\"unitId\":\"" + A
                        + "\",\"periodStart\":\"2024-01-01\",\"periodEnd\":\"2024-12-31\",\"value\":1}"),
                json(post(program + "/targets"), "{\"indicatorCode\":\"c\",\"unitId\":\"" + A
                        + "\",\"periodStart\":\"2024-01-01\",\"periodEnd\":\"2024-12-31\",\"value\":{\"$gt\":0}}"),
                json(post(program + "/enrollments"), "{\"unitId\":\"" + A + "\",\"$where\":\"sleep(1000)\"}"),
                json(post(program + "/enrollments"), "{\"unitId\":{\"$ne\":null}}"),
                json(post(program + "/enrollments"), "{\"unit.Id\":\"" + A + "\"}"),
                json(post(reviews), reviewBody(A).replace("{", "{\"frozenAt\":\"2020-01-01T00:00:00Z\",")),
                json(post(reviews), reviewBody(A).replace("{", "{\"createdBy\":\"x\",")),
                json(post(reviews), reviewBody(A).replace("{", "{\"progress\":{\"indicators\":[]},")),
                json(post(reviews), reviewBody(A).replace("\"" + A + "\"", "{\"$ne\":null}")),
                json(post(reviews), reviewBody(A).replace("Sơ kết", "$where")),
                json(post(reviews + "/" + reviewOfA + "/awards"), award(A).replace("{", "{\"id\":\"mine\",")),
                json(post(reviews + "/" + reviewOfA + "/awards"), award(A).replace("{", "{\"awardedAt\":\"2020-01-01T00:00:00Z\",")),
                json(post(reviews + "/" + reviewOfA + "/awards"), award(A).replace("Chủ tịch", "$where")));
        String before = call(get(program), admin(), 200);
        long reviewCount = database.getCollection("reviews").countDocuments();
        String awardsBefore = call(get(reviews + "/" + reviewOfA), admin(), 200);
        for (var request : bad) {
            mvc.perform(request.with(admin())).andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        assertThat(call(get(program), admin(), 200)).isEqualTo(before);
        assertThat(database.getCollection("reviews").countDocuments()).isEqualTo(reviewCount);
        assertThat((List<?>) JsonPath.read(call(get(reviews + "/" + reviewOfA), admin(), 200), "$.awards"))
                .hasSameSizeAs((List<?>) JsonPath.read(awardsBefore, "$.awards"));
    }

    @Test
    void queryParametersMatchLiterallyAndAreBounded() throws Exception {
        assertThat(listed(admin(), "")).contains(national);
        for (String q : List.of(RUN + ".*", ".*", "^.", "[", "(a+)+$", "{\"$ne\":null}", "\\")) {
            List<String> found = JsonPath.read(call(get("/api/v1/programs").param("q", q).param("limit", "500"), admin(), 200),
                    "$.items[*].id");
            assertThat(found).as(q).doesNotContain(ofA, ofB, ofP, ofQ, national);
        }
        for (String limit : List.of("501", "100000", "-1", "0", "x")) {
            call(get("/api/v1/programs").param("limit", limit), viewer(A), 400);
        }
        call(get("/api/v1/programs/" + ofP + "/progress").param("unitId", "{\"$ne\":null}"), admin(), 400);
        call(get("/api/v1/programs/" + ofP + "/progress").param("unitId", "$where"), viewer(A), 403);
    }

    private List<String> listed(RequestPostProcessor caller, String query) throws Exception {
        return JsonPath.read(call(get("/api/v1/programs").param("q", RUN + query).param("limit", "500"), caller, 200),
                "$.items[*].id");
    }

    private String program(String name, String scope) throws Exception {
        return JsonPath.read(call(json(post("/api/v1/programs"), body(name, scope)), admin(), 201), "$.id");
    }

    private String review(String program, String unit, RequestPostProcessor caller) throws Exception {
        return JsonPath.read(call(json(post("/api/v1/programs/" + program + "/reviews"), reviewBody(unit)), caller, 201),
                "$.id");
    }

    private static String body(String name, String scope) {
        return "{\"code\":\"SC-" + name + "-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 4) + "\","
                + "\"title\":\"Chương trình\",\"kind\":\"COORDINATION_PROGRAM\",\"issuers\":[],"
                + "\"startsOn\":\"2023-01-01\",\"endsOn\":\"2033-12-31\""
                + (scope == null ? "" : ",\"scopeUnitId\":\"" + scope + "\"") + "}";
    }

    private static String reviewBody(String unit) {
        return "{\"kind\":\"INTERIM\",\"unitId\":\"" + unit + "\",\"periodStart\":\"2023-01-01\","
                + "\"periodEnd\":\"2024-12-31\",\"title\":\"Sơ kết 2 năm\"}";
    }

    private static String award(String unit) {
        return "{\"recipientType\":\"COLLECTIVE\",\"recipientName\":\"Tổ an ninh nhân dân\","
                + (unit == null ? "" : "\"unitId\":\"" + unit + "\",")
                + "\"form\":\"COMMENDATION\",\"issuedBy\":\"Chủ tịch UBND\"}";
    }

    private static java.util.function.Supplier<MockHttpServletRequestBuilder> progress(String program) {
        return () -> get("/api/v1/programs/" + program + "/progress");
    }

    private static java.util.function.Supplier<MockHttpServletRequestBuilder> csv(String program) {
        return () -> get("/api/v1/programs/" + program + "/progress").accept("text/csv");
    }

    private static java.util.function.Supplier<MockHttpServletRequestBuilder> xlsx(String program) {
        return () -> get("/api/v1/programs/" + program + "/progress.xlsx");
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String call(MockHttpServletRequestBuilder request, RequestPostProcessor caller, int expected) throws Exception {
        return mvc.perform(request.with(caller)).andExpect(status().is(expected)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static RequestPostProcessor admin() {
        return Callers.admin();
    }

    private static RequestPostProcessor manager(String unit) {
        return Callers.caller("manager-" + unit, List.of("PROGRAM_MANAGER"), List.of(), "POLICE", unit);
    }

    private static RequestPostProcessor officer(String unit) {
        return Callers.caller("officer-" + unit, List.of("UNIT_OFFICER"), List.of(), "POLICE", unit);
    }

    private static RequestPostProcessor viewer(String unit) {
        return Callers.caller("viewer-" + unit, List.of("VIEWER"), List.of(), "FRONT", unit);
    }

    private static RequestPostProcessor partner(String unit) {
        return Callers.caller("partner-" + unit, List.of("PARTNER"), List.of(), "OTHER", unit);
    }
}
