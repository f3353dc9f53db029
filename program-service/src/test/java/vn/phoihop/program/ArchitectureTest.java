package vn.phoihop.program;

import org.junit.jupiter.api.Test;
import vn.phoihop.testsupport.ArchitectureRules;

class ArchitectureTest {

    @Test
    void adaptersStayInTheirPackagesAndTheDomainStaysPlain() {
        ArchitectureRules.check("vn.phoihop.program");
    }
}
