package vn.phoihop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The decoder every service gets from Boot with platform's settings, against a JWKS of the test's own: a token
 * signed by the right key, for the right issuer and audience, still needs {@code exp}, {@code iat} and a bounded
 * lifetime.
 */
class ResourceServerTokensTest {

    private static final String ISSUER = "http://issuer.test:9000";
    private static final RSAKey KEY = key();
    private static HttpServer jwks;

    @BeforeAll
    static void publishTheKey() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/oauth2/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private WebApplicationContextRunner services(String... properties) {
        return new WebApplicationContextRunner()
                // as SpringApplication does: "1h" binds to a Duration
                .withInitializer(context -> context.getBeanFactory()
                        .setConversionService(new ApplicationConversionService()))
                .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                        ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
                .withUserConfiguration(ResourceServerSecurity.class)
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER,
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:"
                                + jwks.getAddress().getPort() + "/oauth2/jwks",
                        "spring.security.oauth2.resourceserver.jwt.audiences=phoihop")
                .withPropertyValues(properties);
    }

    @Test
    void aTokenWithoutExpiryOrIssueTimeOrLivingTooLongIsRefused() {
        Instant now = Instant.now();
        services().run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            assertThat(decoder.decode(token(c -> c)).getSubject()).as("the control").isEqualTo("admin");
            assertThat(decoder.decode(token(c -> c.issueTime(Date.from(now.minusSeconds(30)))
                    .expirationTime(Date.from(now.minusSeconds(30).plus(Duration.ofHours(1)))))).getSubject())
                    .as("an hour is the default maximum").isEqualTo("admin");
            for (String refused : List.of(token(c -> c.expirationTime(null)), token(c -> c.issueTime(null)),
                    token(c -> c.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofDays(3650))))),
                    token(c -> c.issueTime(Date.from(now.minusSeconds(30)))
                            .expirationTime(Date.from(now.minusSeconds(30).plus(Duration.ofHours(1)).plusSeconds(1)))),
                    token(c -> c.issueTime(Date.from(now.plus(Duration.ofDays(1))))
                            .expirationTime(Date.from(now.plus(Duration.ofDays(1)).plusSeconds(60)))))) {
                assertThatThrownBy(() -> decoder.decode(refused)).isInstanceOf(JwtValidationException.class);
            }
        });
    }

    @Test
    void theMaximumIsASetting() {
        Instant now = Instant.now();
        String twoHours = token(c -> c.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2)))));
        services("phoihop.security.max-token-lifetime=3h").run(context ->
                assertThat(context.getBean(JwtDecoder.class).decode(twoHours).getSubject()).isEqualTo("admin"));
        services("phoihop.security.max-token-lifetime=5m").run(context ->
                assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(token(c -> c)))
                        .isInstanceOf(JwtValidationException.class));
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("admin").audience("phoihop")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("roles", List.of("ADMIN"));
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    change.apply(claims).build());
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
