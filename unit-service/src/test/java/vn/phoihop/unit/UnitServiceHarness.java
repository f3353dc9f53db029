package vn.phoihop.unit;

import java.util.List;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the unit-service integration tests share. */
final class UnitServiceHarness {

    private UnitServiceHarness() {
    }

    static RequestPostProcessor admin() {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject("admin").claim("roles", List.of("ADMIN")));
    }

}
