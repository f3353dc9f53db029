package vn.phoihop.auth;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import vn.phoihop.auth.signin.SignInPage;
import vn.phoihop.platform.security.NationalAdmin;
import vn.phoihop.platform.security.ResourceServerSecurity;

/**
 * Four filter chains: the protocol endpoints of Spring Authorization Server ({@code /oauth2/**},
 * {@code /.well-known/**}, OIDC), the admin API ({@code /api/v1/clients}, {@code users}, {@code keys}: a
 * resource server for ADMIN tokens, stateless), the sign-in page (form login, the only one with a session
 * cookie and CSRF tokens), then everything else, of which only health is open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String AUTHORIZE = "/oauth2/authorize";
    private static final String[] KEYS = {"/api/v1/keys", "/api/v1/keys/**"};

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults())) // OIDC userinfo
                // a person not signed in yet is sent to the sign-in page, which brings them back here; the
                // other endpoints are for programs, which get a plain 401
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(SignInPage.entryPoint(),
                                PathPatternRequestMatcher.withDefaults().matcher(AUTHORIZE))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * The admin API checks tokens as every phoihop service does (issuer, signature, expiry, audience; see
     * TokenConfig's decoder) and answers refusals as problems, as the services do.
     */
    @Bean
    @Order(2)
    SecurityFilterChain adminApiChain(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        var entryPoint = new BearerTokenAuthenticationEntryPoint();
        var denied = new BearerTokenAccessDeniedHandler();
        http.securityMatcher("/api/v1/clients", "/api/v1/clients/**", "/api/v1/users", "/api/v1/users/**", KEYS[0],
                        KEYS[1])
                .csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // signing keys concern every token of the country: national administrators only
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(KEYS).access(new NationalAdmin())
                        .anyRequest().hasRole("ADMIN"))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(ResourceServerSecurity.rolesConverter()))
                        .authenticationEntryPoint((request, response, e) -> {
                            entryPoint.commence(request, response, e);
                            ResourceServerSecurity.writeProblem(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            denied.handle(request, response, e);
                            ResourceServerSecurity.writeProblem(response, HttpStatus.FORBIDDEN,
                                    request.getRequestURI().startsWith(KEYS[0])
                                            ? "Only a national administrator may list or rotate the signing keys"
                                            : "Only an administrator may use the admin API");
                        }));
        return http.build();
    }

    /**
     * The sign-in page and its form. A session remembers the signed-in person for the authorization request
     * that follows; the form carries a CSRF token. A wrong password comes back to the page with an error.
     */
    @Bean
    @Order(3)
    SecurityFilterChain signInChain(HttpSecurity http) throws Exception {
        http.securityMatcher(SignInPage.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(form -> form.loginPage(SignInPage.PATH).successHandler(SignInPage.backToAuthorization())
                        .failureHandler(SignInPage::failed));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    /** The issuer is set explicitly so tokens carry one {@code iss} whatever host name reached us. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuerUri()).build();
    }

    /** Delegating, so stored hashes say their algorithm ({bcrypt}…) and can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
