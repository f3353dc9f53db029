package vn.phoihop.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import vn.phoihop.platform.audit.web.AuditAccess;

/**
 * Every service validates the token again (issuer, signature via JWKS, expiry, audience, a bounded lifetime),
 * whatever the gateway did: a request that reaches a service directly gets no further without one. Roles in
 * the {@code roles} claim become {@code ROLE_*} authorities.
 */
@Configuration(proxyBeanMethods = false)
public class ResourceServerSecurity {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<AccessRules> accessRules) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                            "/error").permitAll();
                    // before the service's rules, so none of them can open the audit log wider
                    auth.requestMatchers(AuditAccess.PATHS).access(new AuditAccess());
                    accessRules.orderedStream().forEach(rules -> rules.apply(auth));
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> refusalsAsProblems(rs.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter())),
                        "Your role or scope does not allow this"));
        return http.build();
    }

    /**
     * {@code exp} and {@code iat} required, at most {@code phoihop.security.max-token-lifetime} apart; Boot adds
     * every such validator bean to the decoder it makes from the issuer, JWKS and audience settings.
     */
    @Bean
    OAuth2TokenValidator<Jwt> tokenLifetime(
            @Value("${" + TokenLifetime.PROPERTY + ":" + TokenLifetime.DEFAULT + "}") Duration max) {
        return new TokenLifetime(max);
    }

    /** Answers a missing or bad token (401) and a refused one (403) with problems, keeping the bearer challenge. */
    public static OAuth2ResourceServerConfigurer<HttpSecurity> refusalsAsProblems(
            OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer, String forbiddenDetail) {
        var entryPoint = new BearerTokenAuthenticationEntryPoint();
        var denied = new BearerTokenAccessDeniedHandler();
        return resourceServer
                .authenticationEntryPoint((request, response, e) -> {
                    entryPoint.commence(request, response, e);
                    writeProblem(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
                })
                .accessDeniedHandler((request, response, e) -> {
                    denied.handle(request, response, e);
                    writeProblem(response, HttpStatus.FORBIDDEN, forbiddenDetail);
                });
    }

    /** The {@code roles} claim as {@code ROLE_*} authorities, as every service reads it. */
    public static JwtAuthenticationConverter rolesConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    /** A problem document written straight to the response, for refusals made before any controller runs. */
    public static void writeProblem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("""
                {"type":"https://phoihop.vn/problems/%s","title":"%s","status":%d,"detail":"%s"}"""
                .formatted(status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase(), status.value(), detail));
    }
}
