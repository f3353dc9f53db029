package vn.phoihop.unit.importing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import vn.phoihop.testsupport.WithInfrastructure;
import vn.phoihop.unit.unit.UnitKind;

/** The list after the July 2025 reform: 34 provinces and 3,321 communes, no districts. */
@SpringBootTest(properties = "spring.mongodb.database=units-national-2025-07")
@AutoConfigureMockMvc
@WithInfrastructure
class NationalList202507IT extends NationalListImport {

    @Test
    void all3355UnitsImportAndASecondImportFindsThemUnchanged() throws Exception {
        importsCompletelyThenNothingTwice("vn-admin-units-2025-07.csv", 3_355, "09700", UnitKind.PROVINCE);
    }
}
