package vn.phoihop.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import vn.phoihop.auth.AuthProperties;
import vn.phoihop.auth.client.ClientAccounts;
import vn.phoihop.auth.key.KeyRing;
import vn.phoihop.auth.user.UserStore;
import vn.phoihop.platform.security.TokenLifetime;

/** Signing and checking tokens with the key ring (published at {@code /oauth2/jwks}, public parts only), and their claims. */
@Configuration(proxyBeanMethods = false)
class TokenConfig {

    /** What {@code /oauth2/jwks} publishes and this server's own decoder checks against: every key not retired. */
    @Bean
    JWKSource<SecurityContext> jwkSource(KeyRing ring) {
        return (selector, context) -> selector.select(new JWKSet(ring.published()));
    }

    /** Signs with the active key alone: Nimbus refuses to choose between several matching keys. */
    @Bean
    JwtEncoder jwtEncoder(KeyRing ring) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(ring.signingKey())));
    }

    /**
     * How this server checks a token presented to it (the admin API): RS256 against its own keys, so no
     * call to its own JWKS over HTTP, and the same issuer, expiry, audience and lifetime rules as every service.
     * The tokens it issues must pass those rules everywhere: a lifetime above the maximum stops the start.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthProperties properties,
            @Value("${" + TokenLifetime.PROPERTY + ":" + TokenLifetime.DEFAULT + "}") Duration maxLifetime) {
        if (properties.accessTokenTtl().compareTo(maxLifetime) > 0) {
            throw new IllegalStateException("phoihop.auth.access-token-ttl (" + properties.accessTokenTtl()
                    + ") is longer than " + TokenLifetime.PROPERTY + " (" + maxLifetime
                    + "): every resource server would refuse the tokens issued here");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri()), new JwtAudienceValidator(ProfileClaims.AUDIENCE),
                new TokenLifetime(maxLifetime)));
        return decoder;
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new BoundedAuthorizations(10_000);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> profileClaims(ClientAccounts accounts, UserStore users) {
        return new ProfileClaims(accounts, users);
    }
}
