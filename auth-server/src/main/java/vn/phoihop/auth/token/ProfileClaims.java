package vn.phoihop.auth.token;

import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import vn.phoihop.auth.client.ClientAccount;
import vn.phoihop.auth.client.ClientAccounts;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.user.UserStore;
import vn.phoihop.auth.user.UserSubject;

/**
 * Puts the principal's {@link ClientProfile} into its access tokens ({@code roles}, {@code agency}, {@code
 * unitId}, {@code permissions}) and addresses them to phoihop's services. The principal is the client for
 * {@code client_credentials} ({@code sub} = client id), and the signed-in user for an authorization code ({@code
 * sub} = {@code user:} + username, {@link UserSubject}).
 */
public final class ProfileClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The {@code aud} every phoihop resource server may check. */
    public static final String AUDIENCE = "phoihop";

    private final ClientAccounts accounts;
    private final UserStore users;

    public ProfileClaims(ClientAccounts accounts, UserStore users) {
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (isPerson(context)) {
            // access and ID tokens alike: a person's subject is in its own namespace, never a client's id
            context.getClaims().subject(UserSubject.of(context.getPrincipal().getName()));
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getClaims().audience(List.of(AUDIENCE));
        profile(context).ifPresent(profile -> context.getClaims().claims(claims -> claims.putAll(profile.claims())));
    }

    /**
     * A token for a signed-in person: by authorization code, or by a refresh token that an authorization code
     * granted (the {@code web} client); every other grant is a client acting for itself.
     */
    private static boolean isPerson(JwtEncodingContext context) {
        if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
            return true;
        }
        return AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                && context.getAuthorization() != null
                && AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorization().getAuthorizationGrantType());
    }

    private Optional<ClientProfile> profile(JwtEncodingContext context) {
        if (!isPerson(context)) {
            return accounts.findById(context.getRegisteredClient().getClientId()).map(ClientAccount::profile);
        }
        // deleted between signing in and redeeming the code or refreshing: no token rather than one without a role
        return Optional.of(users.account(context.getPrincipal().getName()).map(a -> a.user().profile())
                .orElseThrow(() -> new OAuth2AuthenticationException(
                        new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The user no longer exists", null))));
    }
}
