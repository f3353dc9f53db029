package vn.phoihop.testsupport;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who calls a service in a MockMvc test: a JWT with the claims auth-server issues, and the
 * {@code ROLE_*} authorities the services derive from its {@code roles} claim (the mock token skips that
 * conversion, so it is done here the same way).
 */
public final class Callers {

    private Callers() {
    }

    public static RequestPostProcessor admin() {
        return caller("admin", List.of("ADMIN"), List.of());
    }

    public static RequestPostProcessor caller(String subject, List<String> roles, List<String> permissions) {
        return caller(subject, roles, permissions, null, null);
    }

    /** A unit officer acting for {@code agency} ({@code POLICE}, {@code FRONT}, {@code OTHER}) in {@code unitId}'s subtree. */
    public static RequestPostProcessor officer(String subject, String agency, String unitId) {
        return caller(subject, List.of("UNIT_OFFICER"), List.of(), agency, unitId);
    }

    /** A caller with every claim auth-server issues; a {@code null} agency or unitId leaves that claim out. */
    public static RequestPostProcessor caller(String subject, List<String> roles, List<String> permissions,
            String agency, String unitId) {
        List<GrantedAuthority> authorities = roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return SecurityMockMvcRequestPostProcessors.jwt()
                .jwt(j -> {
                    j.subject(subject).claim("roles", roles).claim("permissions", permissions);
                    if (agency != null) {
                        j.claim("agency", agency);
                    }
                    if (unitId != null) {
                        j.claim("unitId", unitId);
                    }
                })
                .authorities(authorities);
    }
}
