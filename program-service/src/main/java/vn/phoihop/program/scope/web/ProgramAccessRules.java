package vn.phoihop.program.scope.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import vn.phoihop.platform.security.AccessRules;
import vn.phoihop.platform.security.NationalAdmin;
import vn.phoihop.platform.security.Role;

/**
 * program-service's rows of the role × action matrix (docs/security.md), in one place. Every role reads programs,
 * progress, exports and reviews (within its scope, {@link ScopeInterceptor}); managers write programs, reviews and
 * awards; only national admins rebuild progress (the whole country's) and see or replay its dead letters. Other
 * methods have no endpoint here (405 for any signed-in caller).
 */
@Configuration(proxyBeanMethods = false)
class ProgramAccessRules {

    static final String REBUILD = "/api/v1/programs/progress/rebuild";
    static final String DEAD_LETTERS = "/api/v1/programs/progress/dead-letters";

    @Bean
    AccessRules programRules() {
        String[] readers = names(Role.values());
        String[] managers = names(Role.ADMIN, Role.PROGRAM_MANAGER);
        return rules -> rules
                .requestMatchers(REBUILD, DEAD_LETTERS, DEAD_LETTERS + "/**").access(new NationalAdmin())
                .requestMatchers(HttpMethod.GET, "/api/v1/programs", "/api/v1/programs/**").hasAnyRole(readers)
                .requestMatchers(HttpMethod.HEAD, "/api/v1/programs", "/api/v1/programs/**").hasAnyRole(readers)
                .requestMatchers(HttpMethod.POST, "/api/v1/programs", "/api/v1/programs/**").hasAnyRole(managers);
    }

    private static String[] names(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
