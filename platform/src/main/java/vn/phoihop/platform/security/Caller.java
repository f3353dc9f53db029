package vn.phoihop.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the validated token says: the subject, its roles, its agency, the unit whose subtree it
 * may see ({@code null} = national scope) and its extra permissions. Controllers take it as a parameter
 * ({@link CallerArgumentResolver}); nothing reads the claims anywhere else.
 */
public record Caller(String subject, Set<Role> roles, String agency, String unitId, Set<String> permissions) {

    public static final String PII_READ = "pii:read";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        permissions = Set.copyOf(permissions);
    }

    public static Caller of(Jwt token) {
        Object unit = token.getClaims().get("unitId");
        Object agency = token.getClaims().get("agency");
        return new Caller(token.getSubject(), roles(token.getClaimAsStringList("roles")),
                agency instanceof String a ? a : null,
                unit instanceof String id && !id.isBlank() ? id : null,
                Set.copyOf(nullToEmpty(token.getClaimAsStringList("permissions"))));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        for (Role role : any) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** No unit scope: the whole country (admin, or a national service account). */
    public boolean isNational() {
        return unitId == null;
    }

    public boolean mayReadPersonalData() {
        return permissions.contains(PII_READ);
    }

    private static Set<Role> roles(List<String> claim) {
        var roles = EnumSet.noneOf(Role.class);
        for (String name : nullToEmpty(claim)) {
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role); // an unknown role grants nothing
                }
            }
        }
        return roles;
    }

    private static List<String> nullToEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
