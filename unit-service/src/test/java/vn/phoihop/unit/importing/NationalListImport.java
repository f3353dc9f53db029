package vn.phoihop.unit.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Imports one of the national lists in {@code ../shared/data/} twice: every row the first time, none
 * the second. Each list runs in a database of its own (a code means different units in the two lists).
 * The lists are read where CI keeps them, beside the checkout; a missing list fails the test.
 */
abstract class NationalListImport {

    private static final Logger log = LoggerFactory.getLogger(NationalListImport.class);

    @Autowired
    MockMvc mvc;
    @Autowired
    UnitRegistry registry;

    static Path sharedList(String name) {
        for (Path dir : List.of(Path.of("../../shared/data"), Path.of("../shared/data"))) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new AssertionError("The national list " + name + " is missing: expected in ../shared/data/ beside the"
                + " checkout (" + Path.of("../../shared/data").toAbsolutePath().normalize() + "). Put the shared"
                + " data there; this test is never skipped.");
    }

    void importsCompletelyThenNothingTwice(String name, int rows, String communeCode, UnitKind communeParentKind)
            throws Exception {
        byte[] file = Files.readAllBytes(sharedList(name));

        long started = System.nanoTime();
        String first = mvc.perform(post("/api/v1/units/import?validFrom=2025-03-01").with(ImportSupport.admin())
                        .contentType("text/csv").content(file))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        long firstMs = (System.nanoTime() - started) / 1_000_000;
        log.info("MEASURED: {} ({} rows) imported in {} ms", name, rows, firstMs);

        assertThat((List<?>) JsonPath.read(first, "$.errors")).isEmpty();
        assertThat((Integer) JsonPath.read(first, "$.created")).isEqualTo(rows);
        assertThat((Integer) JsonPath.read(first, "$.unchanged")).isZero();

        var commune = registry.findActiveByCode(communeCode).orElseThrow();
        assertThat(commune.kind()).isEqualTo(UnitKind.COMMUNE);
        var parent = registry.find(commune.parentId()).orElseThrow();
        assertThat(parent.kind()).isEqualTo(communeParentKind);
        assertThat(commune.ancestorIds()).endsWith(parent.id()).hasSize(communeParentKind == UnitKind.DISTRICT ? 2 : 1);

        started = System.nanoTime();
        String second = mvc.perform(post("/api/v1/units/import").with(ImportSupport.admin())
                        .contentType("text/csv").content(file))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        log.info("MEASURED: {} re-imported in {} ms", name, (System.nanoTime() - started) / 1_000_000);
        assertThat((Integer) JsonPath.read(second, "$.created")).isZero();
        assertThat((Integer) JsonPath.read(second, "$.unchanged")).isEqualTo(rows);
        assertThat((List<?>) JsonPath.read(second, "$.errors")).isEmpty();
    }
}
