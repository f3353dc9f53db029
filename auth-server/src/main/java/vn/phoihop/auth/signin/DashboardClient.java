package vn.phoihop.auth.signin;

import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import vn.phoihop.auth.client.AccountRegisteredClients;

/**
 * {@code dashboard}: the client people sign in through. It runs in a browser, so it cannot keep a secret: a
 * public client (no authentication of its own) that gets tokens only by authorization code with PKCE, to the
 * configured redirect URIs only. No refresh tokens: a session lasts an access token, then the user signs in again.
 */
public final class DashboardClient {

    public static final String ID = "dashboard";

    private DashboardClient() {
    }

    public static RegisteredClient of(List<String> redirectUris, Duration accessTokenTtl) {
        return RegisteredClient.withId(ID)
                .clientId(ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(redirectUris))
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(AccountRegisteredClients.tokenSettings(accessTokenTtl))
                .build();
    }
}
