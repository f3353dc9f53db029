package vn.phoihop.unit.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import vn.phoihop.testsupport.Callers;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.phoihop.events.CloudEvent;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.events.unit.UnitMerged;
import vn.phoihop.events.unit.UnitMoved;
import vn.phoihop.testsupport.TopicProbe;
import vn.phoihop.testsupport.WithInfrastructure;

/** The tree operations of the Units API: lists, search, rename, effective-dated moves and merges. */
@SpringBootTest
@AutoConfigureMockMvc
@WithInfrastructure
class UnitTreeIT {

    static final String START = "2020-01-01";
    static final String REFORM = "2025-07-01";
    static final String EVE = "2025-06-30";

    @Autowired
    MockMvc mvc;
    @Autowired
    MongoDatabase database;

    /** Codes unique to one test, since the database is shared. */
    final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aSubtreePagesThroughEveryUnitOnceAndChildrenAreOneLevel() throws Exception {
        String province = create("P", "Tỉnh Kiểm Thử", "PROVINCE", null);
        var expected = new HashSet<String>();
        var districts = new ArrayList<String>();
        for (int d = 0; d < 3; d++) {
            String district = create("D" + d, "Huyện " + d, "DISTRICT", province);
            districts.add(district);
            expected.add(district);
            for (int c = 0; c < 4; c++) {
                expected.add(create("D" + d + "C" + c, "Xã " + d + c, "COMMUNE", district));
            }
        }

        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var request = get("/api/v1/units").param("ancestorId", province).param("limit", "4");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            String json = ok(request).andReturn().getResponse().getContentAsString();
            seen.addAll(JsonPath.read(json, "$.items[*].id"));
            cursor = JsonPath.read(json, "$.nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo(4); // 15 units by 4
        ok(get("/api/v1/units").param("parentId", province))
                .andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.containsInAnyOrder(districts.toArray())))
                .andExpect(jsonPath("$.nextCursor").doesNotExist());
        ok(get("/api/v1/units").param("ancestorId", province).param("kind", "COMMUNE").param("limit", "500"))
                .andExpect(jsonPath("$.items.length()").value(12))
                .andExpect(jsonPath("$.items[0].ancestorIds[0]").value(province));
    }

    @Test
    void searchIgnoresCaseDiacriticsAndTheDStroke() throws Exception {
        String root = create("R", "Gốc tìm kiếm", "PROVINCE", null);
        String canTho = create("CT", "Thành phố Cần Thơ", "COMMUNE", root);
        String dongHai = create("DH", "Phường Đông Hải", "COMMUNE", root);
        create("VL", "Xã Vĩnh Long", "COMMUNE", root);

        for (String q : List.of("can tho", "CẦN THƠ", "Can Tho", "cần thơ")) {
            ok(get("/api/v1/units").param("ancestorId", root).param("q", q))
                    .andExpect(jsonPath("$.items[*].id", contains(canTho)));
        }
        for (String q : List.of("dong hai", "Đông", "đong hai", "DONG")) {
            ok(get("/api/v1/units").param("ancestorId", root).param("q", q))
                    .andExpect(jsonPath("$.items[*].id", contains(dongHai)));
        }
        ok(get("/api/v1/units").param("ancestorId", root).param("q", "hà nội"))
                .andExpect(jsonPath("$.items", empty()));
    }

    @Test
    void aRenameChangesNameCodeAndSearchAndFreesTheOldCode() throws Exception {
        String root = create("R", "Gốc đổi tên", "PROVINCE", null);
        String unit = create("OLD", "Xã Tân An", "COMMUNE", root);

        ok(patch("/api/v1/units/" + unit).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Phường Ninh Kiều\",\"code\":\"" + tag + "NEW\"}"))
                .andExpect(jsonPath("$.name").value("Phường Ninh Kiều"))
                .andExpect(jsonPath("$.code").value(tag + "NEW"));
        ok(get("/api/v1/units").param("ancestorId", root).param("q", "ninh kieu"))
                .andExpect(jsonPath("$.items[*].id", contains(unit)));
        ok(get("/api/v1/units").param("ancestorId", root).param("q", "tan an")).andExpect(jsonPath("$.items", empty()));
        create("OLD", "Xã mới giữ mã cũ", "COMMUNE", root);

        CloudEvent renamed = eventsOf(unit, 2).stream().filter(e -> e.type().equals("unit.renamed.v1")).findFirst()
                .orElseThrow();
        assertThat(renamed.data().get("previousName").asString()).isEqualTo("Xã Tân An");
        assertThat(renamed.data().get("code").asString()).isEqualTo(tag + "NEW");
    }

    @Test
    void aMoveKeepsTheOldParentBeforeItsDateAndCarriesTheDescendants() throws Exception {
        String a = create("A", "Huyện A", "DISTRICT", null);
        String b = create("B", "Tỉnh B", "PROVINCE", null);
        String commune = create("C", "Xã C", "COMMUNE", a);
        String hamlet = create("H", "Ấp H", "HAMLET", commune);

        ok(post("/api/v1/units/" + commune + "/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"" + b + "\",\"effectiveDate\":\"" + REFORM + "\"}"))
                .andExpect(jsonPath("$.parentId").value(b))
                .andExpect(jsonPath("$.ancestorIds", contains(b)));

        ok(get("/api/v1/units/" + commune).param("asOf", EVE)).andExpect(jsonPath("$.parentId").value(a));
        ok(get("/api/v1/units/" + hamlet).param("asOf", EVE)).andExpect(jsonPath("$.ancestorIds", contains(a, commune)));
        ok(get("/api/v1/units/" + hamlet).param("asOf", REFORM)).andExpect(jsonPath("$.ancestorIds", contains(b, commune)));
        ok(get("/api/v1/units").param("ancestorId", a).param("asOf", EVE))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.containsInAnyOrder(commune, hamlet)));
        ok(get("/api/v1/units").param("ancestorId", a).param("asOf", REFORM)).andExpect(jsonPath("$.items", empty()));
        ok(get("/api/v1/units").param("ancestorId", b).param("asOf", REFORM))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.containsInAnyOrder(commune, hamlet)));
        // the stored denormalised ancestors of a descendant follow too (what real MongoDB's index serves)
        assertThat(document(hamlet).getList("ancestorIds", String.class)).containsExactly(b, commune);

        CloudEvent moved = eventsOf(commune, 2).stream().filter(e -> e.type().equals("unit.moved.v1")).findFirst()
                .orElseThrow();
        UnitMoved data = EventCodec.data(moved, EventTypes.UNIT_MOVED);
        assertThat(data.oldAncestorIds()).containsExactly(a);
        assertThat(data.newAncestorIds()).containsExactly(b);
        assertThat(data.effectiveDate()).hasToString(REFORM);
        assertThat(moved.unitPath()).containsExactly(b, commune);
        assertThat(moved.scopeUnitIds()).as("principals of the old place see it leave").contains(a);
    }

    @Test
    void threeCommunesMergeIntoOneAndTheHistoryStays() throws Exception {
        String province = create("P", "Tỉnh Gộp", "PROVINCE", null);
        List<String> sources = List.of(create("X1", "Xã Một", "COMMUNE", province),
                create("X2", "Xã Hai", "COMMUNE", province), create("X3", "Xã Ba", "COMMUNE", province));
        long before = units();
        // the merged commune keeps the first source's code, as often in the 2025 reform
        String body = "{\"sourceIds\":[\"" + String.join("\",\"", sources) + "\"],\"target\":{\"code\":\"" + tag
                + "X1\",\"name\":\"Xã Hợp Nhất\",\"kind\":\"COMMUNE\",\"parentId\":\"" + province + "\"},"
                + "\"effectiveDate\":\"" + REFORM + "\"}";

        String json = ok(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(jsonPath("$.target.validFrom").value(REFORM))
                .andExpect(jsonPath("$.sources[*].validTo").value(contains(REFORM, REFORM, REFORM)))
                .andReturn().getResponse().getContentAsString();
        String target = JsonPath.read(json, "$.target.id");

        ok(get("/api/v1/units").param("parentId", province).param("asOf", EVE))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.containsInAnyOrder(sources.toArray())));
        ok(get("/api/v1/units").param("parentId", province).param("asOf", REFORM))
                .andExpect(jsonPath("$.items[*].id", contains(target)));
        for (String source : sources) {
            ok(get("/api/v1/units/" + source))
                    .andExpect(jsonPath("$.validTo").value(REFORM))
                    .andExpect(jsonPath("$.successorIds", contains(target)));
            ok(get("/api/v1/units/" + source).param("asOf", EVE)).andExpect(jsonPath("$.parentId").value(province));
            refused(get("/api/v1/units/" + source).param("asOf", REFORM), 404); // did not exist that day
            UnitMerged merged = EventCodec.data(eventsOf(source, 2).stream()
                    .filter(e -> e.type().equals("unit.merged.v1")).findFirst().orElseThrow(), EventTypes.UNIT_MERGED);
            assertThat(merged.targetId()).isEqualTo(target);
            assertThat(merged.sourceIds()).containsExactlyElementsOf(sources);
        }
        assertThat(eventsOf(target, 1)).extracting(CloudEvent::type).containsExactly("unit.created.v1");
        assertThat(units()).isEqualTo(before + 1);

        // a retry (say the answer was lost) finds the merge done and answers the same
        ok(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(jsonPath("$.target.id").value(target));
        assertThat(units()).isEqualTo(before + 1);
        ok(get("/api/v1/units/" + target)).andExpect(jsonPath("$.code").value(tag + "X1"));
    }

    @Test
    void aMergeIntoAnExistingUnitAndARetryAfterACrashHalfway() throws Exception {
        String province = create("P", "Tỉnh Gộp Sẵn", "PROVINCE", null);
        String keep = create("K", "Phường Giữ", "COMMUNE", province);
        String gone = create("G1", "Phường Gộp Một", "COMMUNE", province);
        String gone2 = create("G2", "Phường Gộp Hai", "COMMUNE", province);
        String body = "{\"sourceIds\":[\"" + gone + "\",\"" + gone2 + "\"],\"target\":{\"id\":\"" + keep
                + "\"},\"effectiveDate\":\"" + REFORM + "\"}";
        // as if a first attempt had ended only the first source before the process died
        ok(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sourceIds\":[\"" + gone + "\"],\"target\":{\"id\":\"" + keep + "\"},\"effectiveDate\":\""
                        + REFORM + "\"}"));

        ok(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(jsonPath("$.target.id").value(keep))
                .andExpect(jsonPath("$.sources[*].successorIds[0]").value(contains(keep, keep)));
        ok(get("/api/v1/units").param("parentId", province).param("asOf", REFORM))
                .andExpect(jsonPath("$.items[*].id", contains(keep)));
        assertThat(document(gone).get("activeCode")).isNull();
        assertThat(eventsOf(gone, 2)).extracting(CloudEvent::type).containsExactly("unit.created.v1", "unit.merged.v1");
    }

    @Test
    void listsAnswerAsTheTreeStoodAndDefaultToToday() throws Exception {
        String root = create("R", "Gốc ngày", "PROVINCE", null);
        String later = createOn("L", "Xã tương lai", "COMMUNE", root, "2199-01-01");
        ok(get("/api/v1/units").param("parentId", root)).andExpect(jsonPath("$.items", empty()));
        ok(get("/api/v1/units").param("parentId", root).param("asOf", "2199-01-01"))
                .andExpect(jsonPath("$.items[*].id", contains(later)));
        refused(get("/api/v1/units/" + root).param("asOf", "2019-12-31"), 404); // before it existed
        ok(get("/api/v1/units/" + later)).andExpect(jsonPath("$.validFrom").value("2199-01-01"));
    }

    // --- bad input: a 4xx problem and nothing changed ---

    @Test
    void aMoveUnderItselfOrADescendantOrAnUnknownParentIsRefused() throws Exception {
        String a = create("A", "Tỉnh A", "PROVINCE", null);
        String c = create("C", "Xã C", "COMMUNE", a);
        String h = create("H", "Ấp H", "HAMLET", c);
        Document before = document(c);

        for (String parent : List.of(c, h)) {
            refused(post("/api/v1/units/" + c + "/move").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"newParentId\":\"" + parent + "\",\"effectiveDate\":\"" + REFORM + "\"}"), 422)
                    .andExpect(jsonPath("$.errors[0].field").value("newParentId"));
        }
        // b hangs under a from the reform; a under b from an earlier day would close a cycle on the reform
        String b = create("B", "Tỉnh B", "PROVINCE", null);
        ok(post("/api/v1/units/" + b + "/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"" + a + "\",\"effectiveDate\":\"" + REFORM + "\"}"));
        Document aBefore = document(a);
        refused(post("/api/v1/units/" + a + "/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"" + b + "\",\"effectiveDate\":\"2024-01-01\"}"), 422);
        assertThat(document(a)).isEqualTo(aBefore);
        refused(post("/api/v1/units/" + c + "/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"no-such-unit\",\"effectiveDate\":\"" + REFORM + "\"}"), 422);
        refused(post("/api/v1/units/" + c + "/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"" + a + "\",\"effectiveDate\":\"2019-01-01\"}"), 422);
        refused(post("/api/v1/units/no-such-unit/move").contentType(MediaType.APPLICATION_JSON)
                .content("{\"newParentId\":\"" + a + "\",\"effectiveDate\":\"" + REFORM + "\"}"), 404);
        for (String bad : List.of("{\"newParentId\":{\"$gt\":\"\"},\"effectiveDate\":\"" + REFORM + "\"}",
                "{\"newParentId\":\"" + a + "\",\"effectiveDate\":\"soon\"}", "{\"newParentId\":\"" + a + "\"}", "{}")) {
            refused(post("/api/v1/units/" + c + "/move").contentType(MediaType.APPLICATION_JSON).content(bad), 400);
        }
        assertThat(document(c)).isEqualTo(before);
    }

    @Test
    void badMergesAreRefusedAndChangeNothing() throws Exception {
        String p = create("P", "Tỉnh P", "PROVINCE", null);
        String x = create("X", "Xã X", "COMMUNE", p);
        String y = create("Y", "Xã Y", "COMMUNE", p);
        String child = create("XC", "Ấp của X", "HAMLET", x);
        String late = createOn("LATE", "Xã mới lập", "COMMUNE", p, "2025-08-01");
        String ended = create("E", "Xã đã gộp", "COMMUNE", p);
        ok(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON).content(merge(List.of(ended), "{\"id\":\"" + y + "\"}")));
        long count = units();
        Document xBefore = document(x);

        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(), "{\"id\":\"" + y + "\"}")), 400);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x, y), "{\"id\":\"" + y + "\"}")), 422);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x), "{\"id\":\"" + child + "\"}")), 422); // into its own descendant
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x, ended), "{\"id\":\"" + p + "\"}")), 409); // already merged elsewhere
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x, late), "{\"id\":\"" + y + "\"}")), 422); // before a source's validFrom
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x, "no-such-unit"), "{\"id\":\"" + y + "\"}")), 422);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x), "{\"code\":\"" + tag + "Y\",\"name\":\"Trùng mã\",\"kind\":\"COMMUNE\"}")), 409);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x), "{\"id\":\"" + y + "\",\"code\":\"Z\"}")), 400);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content(merge(List.of(x, x), "{\"id\":\"" + y + "\"}")), 400);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sourceIds\":[{\"$gt\":\"\"}],\"target\":{\"id\":\"" + y + "\"},\"effectiveDate\":\"" + REFORM + "\"}"), 400);
        refused(post("/api/v1/units/merge").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sourceIds\":[\"" + x + "\"],\"target\":{\"id\":\"" + y + "\"}}"), 400);

        assertThat(units()).isEqualTo(count);
        assertThat(document(x)).isEqualTo(xBefore);
    }

    @Test
    void badRenamesAreRefusedAndChangeNothing() throws Exception {
        String p = create("P", "Tỉnh đổi tên", "PROVINCE", null);
        String x = create("X", "Xã X", "COMMUNE", p);
        create("Y", "Xã Y", "COMMUNE", p);
        Document before = document(x);

        refused(patch("/api/v1/units/" + x).contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + tag + "Y\"}"), 409);
        for (String bad : List.of("{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\"" + "x".repeat(1000) + "\"}",
                "{\"code\":{\"$gt\":\"\"}}", "{\"code\":\"$gt\"}", "{\"validTo\":\"2020-01-01\"}")) {
            refused(patch("/api/v1/units/" + x).contentType(MediaType.APPLICATION_JSON).content(bad), 400);
        }
        refused(patch("/api/v1/units/no-such-unit").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"A\"}"), 404);
        assertThat(document(x)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=many", "cursor=garbage", "cursor=", "asOf=yesterday",
            "kind=GALAXY", "parentId=$gt", "ancestorId=a%20b", "q=", "parentId=a&ancestorId=b"})
    void badListParametersAreProblems(String query) throws Exception {
        refused(get("/api/v1/units?" + query), 400);
    }

    @Test
    void listingUnderAnUnknownUnitIsNotFound() throws Exception {
        refused(get("/api/v1/units").param("parentId", "no-such-unit"), 404);
        refused(get("/api/v1/units/no-such-unit").param("asOf", REFORM), 404);
    }

    // --- helpers ---

    private String create(String code, String name, String kind, String parentId) throws Exception {
        return createOn(code, name, kind, parentId, START);
    }

    private String createOn(String code, String name, String kind, String parentId, String validFrom) throws Exception {
        String body = "{\"code\":\"" + tag + code + "\",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\","
                + (parentId == null ? "" : "\"parentId\":\"" + parentId + "\",") + "\"validFrom\":\"" + validFrom + "\"}";
        String json = mvc.perform(post("/api/v1/units").with(admin()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.id");
    }

    private String merge(List<String> sources, String target) {
        return "{\"sourceIds\":[" + String.join(",", sources.stream().map(s -> "\"" + s + "\"").toList())
                + "],\"target\":" + target + ",\"effectiveDate\":\"" + REFORM + "\"}";
    }

    private ResultActions ok(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(admin())).andExpect(status().isOk());
    }

    private ResultActions refused(MockHttpServletRequestBuilder request, int status) throws Exception {
        return mvc.perform(request.with(admin()))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }

    private List<CloudEvent> eventsOf(String key, int count) {
        return TopicProbe.byKey(Topics.UNITS, key, count).stream().map(r -> EventCodec.decode(r.value())).toList();
    }

    /** The stored unit without its outbox (which the relay empties on its own time). */
    private Document document(String id) {
        Document doc = database.getCollection("units").find(new Document("_id", id)).first();
        assertThat(doc).isNotNull();
        doc.remove("outbox");
        return doc;
    }

    private long units() {
        return database.getCollection("units").countDocuments();
    }

    static RequestPostProcessor admin() {
        return Callers.admin();
    }
}
