package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.phoihop.unit.importing.ImportSupport.admin;
import static vn.phoihop.unit.importing.ImportSupport.withRoles;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
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
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

/** {@code POST /api/v1/units/import}, in a database of its own so codes cannot meet other tests' units. */
@SpringBootTest(properties = "spring.mongodb.database=units-import-it")
@AutoConfigureMockMvc
@WithInfrastructure
class UnitImportIT {

    static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    MockMvc mvc;
    @Autowired
    UnitRegistry registry;

    @Test
    void aProvinceImportsUnderTheGivenParentWithItsTreeAndASecondImportCreatesNothing() throws Exception {
        Unit country = registry.create("VN-CT", "Việt Nam", UnitKind.AGENCY, null, LocalDate.parse("2020-01-01"));
        byte[] file = resource("/import/can-tho-2025-03.csv");

        importing(file, "?parentId=" + country.id() + "&validFrom=2025-03-01")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(90))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.errors", empty()));

        Unit province = registry.findActiveByCode("92").orElseThrow();
        Unit district = registry.findActiveByCode("916").orElseThrow();
        Unit ward = registry.findActiveByCode("31117").orElseThrow();
        assertThat(province.name()).isEqualTo("Thành phố Cần Thơ");
        assertThat(province.kind()).isEqualTo(UnitKind.PROVINCE);
        assertThat(province.parentId()).isEqualTo(country.id());
        assertThat(district.kind()).isEqualTo(UnitKind.DISTRICT);
        assertThat(district.ancestorIds()).containsExactly(country.id(), province.id());
        assertThat(ward.name()).isEqualTo("Phường Cái Khế");
        assertThat(ward.kind()).isEqualTo(UnitKind.COMMUNE);
        assertThat(ward.ancestorIds()).containsExactly(country.id(), province.id(), district.id());
        assertThat(ward.validFrom()).isEqualTo(LocalDate.parse("2025-03-01"));

        importing(file, "?parentId=" + country.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.unchanged").value(90))
                .andExpect(jsonPath("$.errors", empty()));
        assertThat(registry.findActiveByCode("31117").orElseThrow().id()).isEqualTo(ward.id());
    }

    @Test
    void aFileOfBadShapeIsRefusedWhole422WithEachBadLineAndNothingChanges() throws Exception {
        var file = new ByteArrayOutputStream();
        file.writeBytes("""
                code,name,level,parent_code
                B10,Tỉnh Bờ,province,
                B11,Huyện A,district,B10
                B14,Xã D,commune,B99
                "B15,Xã E,commune,B11
                B11,Huyện A lần hai,district,B10
                B16,Xã F,commune,B17
                B17,Huyện G,district,B10
                B19,Xã H,commune
                """.getBytes(StandardCharsets.UTF_8));
        file.writeBytes("B20,X\u00e3 I,commune,B11\n".getBytes(StandardCharsets.ISO_8859_1));

        String json = importing(file.toByteArray(), "")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("nothing was imported")))
                .andExpect(jsonPath("$.errorCount").value(6))
                .andReturn().getResponse().getContentAsString();

        List<Integer> lines = JsonPath.read(json, "$.errors[*].line");
        List<String> messages = JsonPath.read(json, "$.errors[*].message");
        assertThat(lines).containsExactly(4, 5, 6, 7, 9, 10);
        assertThat(messages.get(0)).contains("parent code B99 is neither on an earlier line nor held by an active unit");
        assertThat(messages.get(1)).contains("quote").contains("not closed");
        assertThat(messages.get(2)).contains("code B11 already appears on line 3");
        assertThat(messages.get(3)).contains("parent code B17 comes later, on line 8");
        assertThat(messages.get(4)).contains("expected 4 fields").contains("found 3");
        assertThat(messages.get(5)).contains("not valid UTF-8");
        for (String code : List.of("B10", "B11", "B16", "B17")) {
            assertThat(registry.findActiveByCode(code)).as("a good line of a refused file: " + code).isEmpty();
        }
    }

    @Test
    void linesWhoseContentIsRefusedAreReportedByNumberWhileGoodLinesAreKept() throws Exception {
        String json = importing("""
                code,name,level,parent_code
                G10,Tỉnh Gò,province,
                G11,Huyện A,district,G10
                G12,,commune,G11
                G13,Thôn C,hamlet,G11
                G18,"Xã ""Hòa"", Bình",commune,G11
                G21,Xã K,commune,G12
                G22,%s,commune,G11
                """.formatted("Xã " + "L".repeat(1000)).getBytes(StandardCharsets.UTF_8), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(3))
                .andExpect(jsonPath("$.unchanged").value(0))
                .andExpect(jsonPath("$.errorCount").value(4))
                .andReturn().getResponse().getContentAsString();

        List<Integer> lines = JsonPath.read(json, "$.errors[*].line");
        List<String> messages = JsonPath.read(json, "$.errors[*].message");
        assertThat(lines).containsExactly(4, 5, 7, 8);
        assertThat(messages.get(0)).contains("name is missing");
        assertThat(messages.get(1)).contains("unknown level 'hamlet'");
        assertThat(messages.get(2)).contains("parent code G12 (line 4) was not imported");
        assertThat(messages.get(3)).contains("longer than 200 characters");
        assertThat(registry.findActiveByCode("G18").orElseThrow().name()).isEqualTo("Xã \"Hòa\", Bình");
        for (String refused : List.of("G12", "G13", "G21", "G22")) {
            assertThat(registry.findActiveByCode(refused)).as(refused).isEmpty();
        }
    }

    @Test
    void aRowThatDiffersFromTheActiveUnitWithItsCodeIsAnErrorNotARename() throws Exception {
        importing("code,name,level,parent_code\nD10,Tỉnh Đầu,province,\n".getBytes(StandardCharsets.UTF_8), "")
                .andExpect(jsonPath("$.created").value(1));
        importing("code,name,level,parent_code\r\nD10,Tỉnh Khác,province,\r\nD11,Xã Một,commune,D10\r\n"
                .getBytes(StandardCharsets.UTF_8), "")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.errors[0].line").value(2))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("different name")));
        assertThat(registry.findActiveByCode("D10").orElseThrow().name()).isEqualTo("Tỉnh Đầu");
        assertThat(registry.findActiveByCode("D11").orElseThrow().parentId())
                .isEqualTo(registry.findActiveByCode("D10").orElseThrow().id());
    }

    @Test
    void validFromDefaultsToTodayInVietNam() throws Exception {
        importing("code,name,level,parent_code\nT10,Tỉnh Hôm Nay,province,\n".getBytes(StandardCharsets.UTF_8), "")
                .andExpect(jsonPath("$.created").value(1));
        assertThat(registry.findActiveByCode("T10").orElseThrow().validFrom())
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")));
    }

    @Test
    void aBodyThatIsNotCsvIs415() throws Exception {
        mvc.perform(post("/api/v1/units/import").with(admin()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/units/import").with(admin()).contentType("text/csv;charset=ISO-8859-1")
                        .content("code,name,level,parent_code\nL1,Xa,province,\n"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.detail").value(containsString("UTF-8")));
        assertThat(registry.findActiveByCode("L1")).isEmpty();
    }

    @Test
    void anUnknownParentIs422AndImportsNothing() throws Exception {
        importing("code,name,level,parent_code\nU1,Tỉnh U,province,\n".getBytes(StandardCharsets.UTF_8), "?parentId=no-such-unit")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("parentId"));
        assertThat(registry.findActiveByCode("U1")).isEmpty();
    }

    @Test
    void anEmptyBodyOrAHeaderWithoutTheColumnsIs400AndImportsNothing() throws Exception {
        importing(new byte[0], "")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("empty")));
        importing("code,name,parent_code\nH1,Tỉnh H,\n".getBytes(StandardCharsets.UTF_8), "")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("missing: level")));
        assertThat(registry.findActiveByCode("H1")).isEmpty();
    }

    @Test
    void badParametersAre400() throws Exception {
        byte[] file = "code,name,level,parent_code\nQ1,Tỉnh Q,province,\n".getBytes(StandardCharsets.UTF_8);
        importing(file, "?validFrom=yesterday").andExpect(status().isBadRequest());
        importing(file, "?parentId=$ne").andExpect(status().isBadRequest());
        assertThat(registry.findActiveByCode("Q1")).isEmpty();
    }

    @Test
    void onlyAnAdminImports() throws Exception {
        mvc.perform(post("/api/v1/units/import").with(withRoles("VIEWER")).contentType(CSV)
                        .content("code,name,level,parent_code\nV1,Tỉnh V,province,\n"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/units/import").contentType(CSV).content("code,name,level,parent_code\n"))
                .andExpect(status().isUnauthorized());
        assertThat(registry.findActiveByCode("V1")).isEmpty();
    }

    @Test
    void theOpenApiDocumentShowsTheCsvBody() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/units/import'].post.requestBody.content['text/csv']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/units/import'].post.parameters[*].name",
                        org.hamcrest.Matchers.containsInAnyOrder("parentId", "validFrom")));
    }

    private ResultActions importing(byte[] body, String query) throws Exception {
        return mvc.perform(post("/api/v1/units/import" + query).with(admin()).contentType(CSV).content(body));
    }

    static byte[] resource(String path) throws Exception {
        try (InputStream in = UnitImportIT.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
