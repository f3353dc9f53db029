package vn.phoihop.unit.scope.web;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static vn.phoihop.platform.security.Role.ADMIN;
import static vn.phoihop.platform.security.Role.PARTNER;
import static vn.phoihop.platform.security.Role.PROGRAM_MANAGER;
import static vn.phoihop.platform.security.Role.UNIT_OFFICER;
import static vn.phoihop.platform.security.Role.VIEWER;

import java.util.Arrays;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.phoihop.platform.security.AccessRules;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.security.Role;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.scope.UnitScope;

/**
 * unit-service's rows of the role × action matrix (docs/security.md), applied before any controller runs, and the
 * {@code Scope} parameter that controllers take for the object level. A request on units or activities not listed
 * is refused to everyone, so a new endpoint is closed until it gets its row.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfig implements WebMvcConfigurer {

    static {
        // resolved from the token, not request parameters: not in the OpenAPI document
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Scope.class, Caller.class);
    }

    private final UnitScope scopes;

    AccessConfig(UnitScope scopes) {
        this.scopes = scopes;
    }

    @Bean
    static AccessRules unitServiceAccess() {
        return rules -> rules
                .requestMatchers(POST, "/api/v1/units/import", "/api/v1/units/merges/import").hasAuthority(ADMIN.authority())
                // a member's rights: erasure and export handle the personal data itself, so they need pii:read
                .requestMatchers(GET, "/api/v1/units/*/members/*/personal-data").access(withPersonalData(ADMIN, UNIT_OFFICER))
                .requestMatchers(POST, "/api/v1/units/*/members/*/erasure").access(withPersonalData(ADMIN, UNIT_OFFICER))
                .requestMatchers(PUT, "/api/v1/units/*/members/*/consent").hasAnyAuthority(of(ADMIN, UNIT_OFFICER))
                .requestMatchers(DELETE, "/api/v1/units/*/members/*/consent").hasAnyAuthority(of(ADMIN, UNIT_OFFICER))
                .requestMatchers(GET, "/api/v1/units/*/members", "/api/v1/units/*/members/**")
                .hasAnyAuthority(of(ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER))
                .requestMatchers(POST, "/api/v1/units/*/members").hasAnyAuthority(of(ADMIN, UNIT_OFFICER))
                .requestMatchers(GET, "/api/v1/units", "/api/v1/units/**")
                .hasAnyAuthority(of(ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER, PARTNER))
                .requestMatchers(POST, "/api/v1/units", "/api/v1/units/merge", "/api/v1/units/*/move")
                .hasAnyAuthority(of(ADMIN, UNIT_OFFICER))
                .requestMatchers(PATCH, "/api/v1/units/*").hasAnyAuthority(of(ADMIN, UNIT_OFFICER))
                .requestMatchers(GET, "/api/v1/activities", "/api/v1/activities/**")
                .hasAnyAuthority(of(ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER, PARTNER))
                .requestMatchers(POST, "/api/v1/activities", "/api/v1/activities/**")
                .hasAnyAuthority(of(ADMIN, PROGRAM_MANAGER, UNIT_OFFICER))
                // anything else on these resources: closed until it gets its row (other /api paths, such as the
                // platform's, keep their own rules)
                .requestMatchers("/api/v1/units", "/api/v1/units/**", "/api/v1/activities", "/api/v1/activities/**")
                .denyAll();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ScopeArgumentResolver(scopes));
    }

    /** One of the roles, and {@code pii:read} among the token's permissions (a claim, not an authority). */
    private static AuthorizationManager<RequestAuthorizationContext> withPersonalData(Role... roles) {
        AuthorizationManager<RequestAuthorizationContext> piiRead = (authentication, request) ->
                new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
                        && Caller.of(token.getToken()).mayReadPersonalData());
        return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAnyAuthority(of(roles)), piiRead);
    }

    private static String[] of(Role... roles) {
        return Arrays.stream(roles).map(Role::authority).toArray(String[]::new);
    }
}
