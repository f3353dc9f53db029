package vn.phoihop.unit.importing;

import java.util.List;
import vn.phoihop.testsupport.Callers;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the import tests share. */
final class ImportSupport {

    private ImportSupport() {
    }

    static RequestPostProcessor admin() {
        return withRoles("ADMIN");
    }

    static RequestPostProcessor withRoles(String... roles) {
        return Callers.caller("tester", List.of(roles), List.of());
    }
}
