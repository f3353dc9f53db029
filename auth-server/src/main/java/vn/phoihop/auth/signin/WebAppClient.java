package vn.phoihop.auth.signin;

import java.time.Duration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import vn.phoihop.auth.AuthProperties;

/**
 * {@code web}: the gateway signing people in for the web app (a backend for frontend). Unlike {@code dashboard} it
 * runs on a server and keeps a secret, so it is confidential ({@code client_secret_basic}); it still must send PKCE,
 * and it gets refresh tokens, rotated on every use, so a person's session outlives one access token. Registered only
 * when its secret is configured: there is no default secret.
 */
public final class WebAppClient {

    public static final String ID = "web";

    private WebAppClient() {
    }

    /** @param secretHash the configured secret, encoded with the server's password encoder */
    public static RegisteredClient of(AuthProperties.Web web, String secretHash, Duration accessTokenTtl,
            Duration refreshTokenTtl) {
        return RegisteredClient.withId(ID)
                .clientId(ID)
                .clientSecret(secretHash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(web.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(web.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(accessTokenTtl)
                        .refreshTokenTimeToLive(refreshTokenTtl)
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }
}
