package vn.phoihop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    @Test
    void readsTheClaimsAuthServerIssues() {
        Caller caller = Caller.of(token().claim("roles", List.of("UNIT_OFFICER", "VIEWER")).claim("agency", "POLICE")
                .claim("unitId", "u-1").claim("permissions", List.of("pii:read")).build());

        assertThat(caller.subject()).isEqualTo("client-1");
        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.UNIT_OFFICER, Role.VIEWER);
        assertThat(caller.agency()).isEqualTo("POLICE");
        assertThat(caller.unitId()).isEqualTo("u-1");
        assertThat(caller.isNational()).isFalse();
        assertThat(caller.mayReadPersonalData()).isTrue();
        assertThat(caller.hasAny(Role.ADMIN, Role.VIEWER)).isTrue();
        assertThat(caller.has(Role.ADMIN)).isFalse();
    }

    @Test
    void unknownRolesGrantNothingAndAMissingUnitIsNational() {
        Caller caller = Caller.of(token().claim("roles", List.of("SUPERUSER", "admin")).claim("unitId", " ").build());

        assertThat(caller.roles()).isEmpty();
        assertThat(caller.isNational()).isTrue();
        assertThat(caller.permissions()).isEmpty();
        assertThat(caller.mayReadPersonalData()).isFalse();
    }

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("client-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
    }
}
