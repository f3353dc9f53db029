package vn.phoihop.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import vn.phoihop.gateway.edge.EdgeProperties;

/**
 * The gateway is a stateless resource server: a Bearer JWT signed by a key from the auth-server's
 * JWKS, from our issuer, addressed to phoihop and not expired, or a 401 problem. The services
 * validate the relayed token again; this check keeps anonymous traffic away from them.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Open paths: getting a token, signing in, discovering keys, health and the API documentation. */
    static final String[] OPEN = {
            "/oauth2/token", "/oauth2/jwks", "/.well-known/**", "/oauth2/authorize", "/login",
            "/actuator/health", "/actuator/health/**",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**",
            // web sessions: sign-in for the web app (vn.phoihop.gateway.session checks its own cookie and CSRF
            // token) and auth-server's end-session endpoint
            "/auth/**", "/connect/logout"};

    /**
     * Content-Security-Policy of the pages served here (the API docs UI: its own scripts, styles it sets
     * inline, no framing; the sign-in page) and of API answers (data, nothing to load or run). Spring Security
     * adds the rest: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, HSTS over https and
     * {@code Cache-Control: no-store} unless the service chose its own.
     *
     * <p>{@code form-action} also names the dashboards' origins (the CORS ones): browsers apply it to every
     * redirect after the sign-in form's POST, and the last one goes back to the dashboard with the code.
     */
    static String pagePolicy(List<String> dashboardOrigins) {
        String formTargets = String.join(" ", Stream.concat(Stream.of("'self'"), dashboardOrigins.stream()).toList());
        return "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action " + formTargets;
    }

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /** The roles of the security model (docs/security.md); a token with none of them may not follow the live stream. */
    static final String[] STREAM_ROLES = {"ADMIN", "PROGRAM_MANAGER", "UNIT_OFFICER", "VIEWER", "PARTNER"};

    /** Open paths ignore any Authorization header: a stale token must not lock anyone out of health or docs. */
    @Bean
    @Order(1)
    SecurityWebFilterChain openPaths(ServerHttpSecurity http, EdgeProperties edge) {
        return stateless(http, pagePolicy(edge.cors().allowedOrigins()))
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(OPEN))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain api(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder) {
        var problems = new ProblemSecurityHandlers();
        return stateless(http, API_POLICY)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasAnyRole("ADMIN", "PARTNER")
                        .pathMatchers("/api/v1/stream").hasAnyRole(STREAM_ROLES)
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(roles()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /** The {@code roles} claim as {@code ROLE_*} authorities, as the services read it. */
    private static ReactiveJwtAuthenticationConverterAdapter roles() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static ServerHttpSecurity stateless(ServerHttpSecurity http, String contentSecurityPolicy) {
        return http
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        // not no-referrer: under it a browser sends "Origin: null" with the sign-in form's POST,
                        // which the CORS check must refuse; same-origin still tells other origins nothing
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens, no cookies: nothing to forge
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
    }

    /** Signed JWTs only, RS256 only (no {@code alg: none}, no HMAC tricks); issuer, expiry, audience, lifetime. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwksUri,
            @Value("${spring.security.oauth2.resourceserver.jwt.audiences}") String audience,
            @Value("${" + TokenLifetime.PROPERTY + ":" + TokenLifetime.DEFAULT + "}") Duration maxLifetime) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), new JwtAudienceValidator(audience),
                new TokenLifetime(maxLifetime)));
        return new SignedTokensOnly(decoder);
    }
}
