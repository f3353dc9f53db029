package vn.phoihop.unit.importing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.WithInfrastructure;
import vn.phoihop.unit.unit.UnitKind;

/** The list before the July 2025 reform: 63 provinces, 696 districts, 10,035 communes. */
@SpringBootTest(properties = "spring.mongodb.database=units-national-2025-03")
@AutoConfigureMockMvc
@WithInfrastructure
class NationalList202503IT extends NationalListImport {

    @Test
    void all10794UnitsImportAndASecondImportFindsThemUnchanged() throws Exception {
        // 00001 Phường Phúc Xá, under 001 Quận Ba Đình, under 01 Hà Nội
        importsCompletelyThenNothingTwice("vn-admin-units-2025-03.csv", 10_794, "00001", UnitKind.DISTRICT);
    }
}
