package vn.phoihop.auth.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import vn.phoihop.platform.audit.AuditConfiguration;
import vn.phoihop.platform.audit.web.AuditAccess;
import vn.phoihop.platform.security.ResourceServerSecurity;

/**
 * auth-server's own audit log, as every service has one: the admin API's writes (clients, users, keys) and its
 * refusals are recorded in the {@code audit} collection of its database, and {@code GET /api/v1/audit} serves it
 * to national admins. The platform's auto-configuration is excluded here, so its audit part is imported alone.
 */
@Configuration(proxyBeanMethods = false)
@Import(AuditConfiguration.class)
class AuditConfig {

    /** Before the catch-all chain; beside the admin API's, whose paths it does not share. */
    @Bean
    @Order(2)
    SecurityFilterChain auditApiChain(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        http.securityMatcher(AuditAccess.PATHS)
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().access(new AuditAccess()))
                .oauth2ResourceServer(resourceServer -> ResourceServerSecurity.refusalsAsProblems(resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(ResourceServerSecurity.rolesConverter())),
                        "Only a national administrator may read the audit log"));
        return http.build();
    }
}
