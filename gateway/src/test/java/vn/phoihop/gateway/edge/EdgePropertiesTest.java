package vn.phoihop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Settings as operators give them: environment variables, as devstack and the e2e suite pass them. */
class EdgePropertiesTest {

    @Test
    void defaultsAreGenerousAndCorsIsOff() {
        EdgeProperties properties = bind(Map.of());

        assertThat(properties.rateLimit().forRoles(List.of("ADMIN"))).isEqualTo(new EdgeProperties.Limit(300, 500));
        assertThat(properties.cors().allowedOrigins()).isEmpty();
    }

    @Test
    void aRoleGetsItsOwnRateFromEnvironmentVariablesAndOthersKeepTheDefault() {
        EdgeProperties properties = bind(Map.of(
                "PHOIHOP_GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "100",
                "PHOIHOP_GATEWAY_RATE_LIMIT_ROLES_PARTNER_REQUESTS_PER_SECOND", "5",
                "PHOIHOP_GATEWAY_RATE_LIMIT_ROLES_PARTNER_BURST", "20",
                "PHOIHOP_GATEWAY_RATE_LIMIT_ROLES_VIEWER_BURST", "50",
                "PHOIHOP_GATEWAY_CORS_ALLOWED_ORIGINS", "https://a.example.vn,https://b.example.vn"));
        var limits = properties.rateLimit();

        assertThat(limits.forRoles(List.of("PARTNER"))).isEqualTo(new EdgeProperties.Limit(5, 20));
        assertThat(limits.forRoles(List.of("VIEWER"))).as("rate from the default").isEqualTo(new EdgeProperties.Limit(100, 50));
        assertThat(limits.forRoles(List.of("UNIT_OFFICER"))).isEqualTo(new EdgeProperties.Limit(100, 500));
        assertThat(limits.forRoles(List.of())).isEqualTo(new EdgeProperties.Limit(100, 500));
        assertThat(limits.forRoles(List.of("PARTNER", "VIEWER"))).as("the most generous role")
                .isEqualTo(new EdgeProperties.Limit(100, 50));
        assertThat(properties.cors().allowedOrigins()).containsExactly("https://a.example.vn", "https://b.example.vn");
    }

    private static EdgeProperties bind(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("phoihop.gateway", EdgeProperties.class);
    }
}
