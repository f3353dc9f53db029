package vn.phoihop.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import vn.phoihop.auth.AuthProperties;
import vn.phoihop.auth.client.ClientAccounts;

/** The signing key (also published at {@code /oauth2/jwks}, public part only) and the claims of tokens. */
@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKeys.loadOrCreate(properties.dataDir())));
    }

    /**
     * How this server checks a token presented to it (the admin API): RS256 against its own keys, so no
     * call to its own JWKS over HTTP, and the same issuer, expiry and audience rules as every service.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, AuthProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri()), new JwtAudienceValidator(ProfileClaims.AUDIENCE)));
        return decoder;
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new BoundedAuthorizations(10_000);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> profileClaims(ClientAccounts accounts) {
        return new ProfileClaims(accounts);
    }
}
