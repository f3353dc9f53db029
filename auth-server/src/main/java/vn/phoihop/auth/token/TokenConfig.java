package vn.phoihop.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new BoundedAuthorizations(10_000);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> profileClaims(ClientAccounts accounts) {
        return new ProfileClaims(accounts);
    }
}
