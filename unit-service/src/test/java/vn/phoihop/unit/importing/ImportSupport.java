package vn.phoihop.unit.importing;

import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the import tests share. */
final class ImportSupport {

    private ImportSupport() {
    }

    static RequestPostProcessor admin() {
        return withRoles("ADMIN");
    }

    static RequestPostProcessor withRoles(String... roles) {
        // the authorities the service's converter makes of the roles claim
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.subject("tester").claim("roles", List.of(roles)))
                .authorities(Arrays.stream(roles).map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList());
    }
}
