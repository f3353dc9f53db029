package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.unit.importing.ImportSupport.admin;
import static vn.phoihop.unit.importing.ImportSupport.withRoles;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import vn.phoihop.testsupport.WithInfrastructure;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/** {@code POST /api/v1/units/merges/import}: a province's old→new mapping applied as merges in one request. */
@SpringBootTest(properties = "spring.mongodb.database=units-merge-import-it")
@AutoConfigureMockMvc
@WithInfrastructure
class MergeImportIT {

    static final LocalDate REFORM = LocalDate.parse("2025-07-01");
    static final LocalDate EVE = REFORM.minusDays(1);

    @Autowired
    MockMvc mvc;
    @Autowired
    UnitRegistry registry;

    @Test
    void aProvinceMovesAcrossTheReformInOneImportAndASecondImportChangesNothing() throws Exception {
        units("""
                code,name,level,parent_code
                M92,Thành phố Cần Thơ,province,
                M916,Quận Ninh Kiều,district,M92
                M31117,Phường Cái Khế,commune,M916
                M31120,Phường An Hòa,commune,M916
                M31123,Phường Thới Bình,commune,M916
                M93,Tỉnh Hậu Giang,province,
                M930,Thành phố Vị Thanh,district,M93
                M31471,Phường I,commune,M930
                """);
        List<String> oldCommunes = List.of("M31117", "M31120", "M31123").stream()
                .map(code -> registry.findActiveByCode(code).orElseThrow().id()).toList();
        String oldDistrict = registry.findActiveByCode("M916").orElseThrow().id();
        String mapping = """
                old_code,new_code,effective_date,new_name,new_level,new_parent_code
                M92,M92,2025-07-01,Thành phố Cần Thơ,province,
                M93,M92,2025-07-01,,,
                M31117,M31117,2025-07-01,Phường Ninh Kiều,commune,M92
                M31120,M31117,2025-07-01,,,
                M31123,M31117,2025-07-01,,,
                M31471,M31471,2025-07-01,Phường Vị Thanh,commune,M92
                M916,M92,2025-07-01,,,
                M930,M92,2025-07-01,,,
                """;

        merges(mapping).andExpect(status().isOk())
                .andExpect(jsonPath("$.merged").value(8))
                .andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.errorCount").value(0));

        Unit province = registry.findActiveByCode("M92").orElseThrow();
        Unit ninhKieu = registry.findActiveByCode("M31117").orElseThrow();
        assertThat(province.validFrom()).isEqualTo(REFORM);
        assertThat(ninhKieu.name()).isEqualTo("Phường Ninh Kiều");
        assertThat(ninhKieu.parentId()).isEqualTo(province.id());
        // the day before: the old three under their district; the day after: the one, under the new city
        assertThat(codes(get("/api/v1/units").param("parentId", oldDistrict).param("asOf", EVE.toString())))
                .containsExactly("M31117", "M31120", "M31123");
        assertThat(codes(get("/api/v1/units").param("parentId", province.id()).param("asOf", REFORM.toString())))
                .containsExactly("M31117", "M31471");
        assertThat(codes(get("/api/v1/units").param("q", "phuong").param("asOf", REFORM.toString())))
                .containsExactly("M31117", "M31471");
        for (String old : oldCommunes) {
            mvc.perform(get("/api/v1/units/" + old).with(admin()))
                    .andExpect(jsonPath("$.validTo").value("2025-07-01"))
                    .andExpect(jsonPath("$.successorIds[0]").value(ninhKieu.id()));
        }
        assertThat(registry.endedOn("M93", REFORM)).singleElement()
                .satisfies(hauGiang -> assertThat(hauGiang.successorIds()).containsExactly(province.id()));

        merges(mapping).andExpect(status().isOk())
                .andExpect(jsonPath("$.merged").value(0))
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(8))
                .andExpect(jsonPath("$.errorCount").value(0));
        assertThat(registry.findActiveByCode("M31117").orElseThrow().id()).isEqualTo(ninhKieu.id());
    }

    @Test
    void aMappingOfBadShapeIsRefusedWholeAndNothingIsMerged() throws Exception {
        units("""
                code,name,level,parent_code
                S1,Tỉnh Một,province,
                S2,Xã Hai,commune,S1
                S3,Xã Ba,commune,S1
                """);
        String json = merges("""
                old_code,new_code,effective_date,new_name,new_level,new_parent_code
                S2,S9,2025-07-01,Xã Chín,commune,S1
                S3,S9,2025-07-01,Xã Chín Khác,commune,S1
                S2,S8,2025-07-01,,,
                S3,S9,1 July 2025,,,
                S3,S7,2025-07-01,Xã Bảy,hamlet,S1
                {"$gt": ""},S9,2025-07-01,,,
                """)
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("nothing was merged")))
                .andReturn().getResponse().getContentAsString();

        List<Integer> lines = JsonPath.read(json, "$.errors[*].line");
        List<String> messages = JsonPath.read(json, "$.errors[*].message");
        assertThat(lines).containsExactly(3, 4, 5, 6, 7);
        assertThat(messages.get(0)).contains("described otherwise on line 2");
        assertThat(messages.get(1)).contains("already merged on 2025-07-01 by line 2");
        assertThat(messages.get(2)).contains("YYYY-MM-DD");
        assertThat(messages.get(3)).contains("new_level must be province, district or commune");
        assertThat(messages.get(4)).isNotEmpty();
        for (String code : List.of("S2", "S3")) {
            assertThat(registry.findActiveByCode(code).orElseThrow().validTo()).as(code).isNull();
        }
        assertThat(registry.findActiveByCode("S9")).isEmpty();

        merges("old_code,new_code\nS2,S9\n").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("missing: effective_date")));
    }

    @Test
    void aRefusedMergeIsReportedOnItsLinesWhileTheOthersAreApplied() throws Exception {
        units("""
                code,name,level,parent_code
                R1,Tỉnh Một,province,
                R2,Xã Hai,commune,R1
                R3,Xã Ba,commune,R1
                R4,Xã Bốn,commune,R1
                R5,Xã Năm,commune,R1
                """);

        String json = merges("""
                old_code,new_code,effective_date,new_name,new_level,new_parent_code
                R2,R20,2025-07-01,Xã Hai Mươi,commune,R1
                R3,R20,2025-07-01,,,
                R4,R40,2025-07-01,,,
                R404,R20,2025-07-02,,,
                R5,R50,2025-03-01,Xã Năm Mươi,commune,R1
                """)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.merged").value(2))
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.errorCount").value(3))
                .andReturn().getResponse().getContentAsString();

        List<Integer> lines = JsonPath.read(json, "$.errors[*].line");
        List<String> messages = JsonPath.read(json, "$.errors[*].message");
        assertThat(lines).containsExactly(4, 5, 6);
        assertThat(messages.get(0)).contains("no unit active today holds new code R40").contains("new_name");
        assertThat(messages.get(1)).contains("no unit valid on 2025-07-01 holds old code R404");
        assertThat(messages.get(2)).contains("old code R5 is held by a unit that starts on 2025-03-01");
        assertThat(registry.findActiveByCode("R20").orElseThrow().name()).isEqualTo("Xã Hai Mươi");
        assertThat(registry.findActiveByCode("R4").orElseThrow().validTo()).isNull();
        assertThat(registry.findActiveByCode("R5").orElseThrow().validTo()).isNull();
    }

    @Test
    void onlyAnAdminImportsMerges() throws Exception {
        mvc.perform(post("/api/v1/units/merges/import").with(withRoles("UNIT_OFFICER")).contentType("text/csv")
                        .content("old_code,new_code,effective_date\n"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/units/merges/import").with(admin()).contentType("text/csv;charset=windows-1258")
                        .content("old_code,new_code,effective_date\n"))
                .andExpect(status().isUnsupportedMediaType());
    }

    private void units(String csv) throws Exception {
        mvc.perform(post("/api/v1/units/import?validFrom=2025-03-01").with(admin()).contentType("text/csv")
                        .content(csv.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.errorCount").value(0));
    }

    private ResultActions merges(String csv) throws Exception {
        return mvc.perform(post("/api/v1/units/merges/import").with(admin()).contentType("text/csv")
                .content(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> codes(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder list) throws Exception {
        String json = mvc.perform(list.with(admin())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(json, "$.items[*].code");
    }
}
