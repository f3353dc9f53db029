package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.WithInfrastructure;
import vn.phoihop.unit.unit.UnitKind;

/** The list before the July 2025 reform: 63 provinces, 696 districts, 10,035 communes. */
@SpringBootTest(properties = "spring.mongodb.database=units-national-2025-03")
@AutoConfigureMockMvc
@WithInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NationalList202503IT extends NationalListImport {

    private static final String FILE = "vn-admin-units-2025-03.csv";

    @Test
    @Order(1)
    void all10794UnitsImportAndASecondImportFindsThemUnchanged() throws Exception {
        // 00001 Phường Phúc Xá, under 001 Quận Ba Đình, under 01 Hà Nội
        importsCompletelyThenNothingTwice("vn-admin-units-2025-03.csv", 10_794, "00001", UnitKind.DISTRICT);
    }

    @Test
    @Order(2) // after the full import, which must find an empty database
    void theCommunesUnderHaNoiPageOutExactlyAsTheFileListsThem() throws Exception {
        if (registry.findActiveByCode("01").isEmpty()) {
            mvc.perform(post("/api/v1/units/import?validFrom=2025-03-01").with(ImportSupport.admin())
                    .contentType("text/csv").content(Files.readAllBytes(sharedList(FILE)))).andExpect(status().isOk());
        }
        String haNoi = registry.findActiveByCode("01").orElseThrow().id();

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var request = get("/api/v1/units").with(ImportSupport.admin())
                    .param("ancestorId", haNoi).param("kind", "COMMUNE").param("limit", "100");
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            String page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            seen.addAll(JsonPath.read(page, "$.items[*].code"));
            cursor = JsonPath.read(page, "$.nextCursor");
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThan(500); // Hà Nội had 579 communes before the reform
        assertThat(new HashSet<>(seen)).isEqualTo(communesOfHaNoiInTheFile());
    }

    /** Communes whose district's parent is 01, read straight from the file. */
    private static Set<String> communesOfHaNoiInTheFile() throws Exception {
        Map<String, String> parentOf = Files.readAllLines(sharedList(FILE), StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split(",", -1))
                .collect(Collectors.toMap(f -> f[0], f -> f[f.length - 1]));
        return Files.readAllLines(sharedList(FILE), StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split(",", -1))
                .filter(f -> "commune".equals(f[f.length - 2]) && "01".equals(parentOf.get(f[f.length - 1])))
                .map(f -> f[0])
                .collect(Collectors.toSet());
    }
}
