package vn.phoihop.auth.token;

import java.util.List;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import vn.phoihop.auth.client.ClientAccount;
import vn.phoihop.auth.client.ClientAccounts;

/**
 * Puts the client's {@link vn.phoihop.auth.client.ClientProfile} into its access tokens ({@code roles},
 * {@code agency}, {@code unitId}, {@code permissions}) and addresses them to phoihop's services.
 */
public final class ProfileClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** The {@code aud} every phoihop resource server may check. */
    public static final String AUDIENCE = "phoihop";

    private final ClientAccounts accounts;

    public ProfileClaims(ClientAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        context.getClaims().audience(List.of(AUDIENCE));
        accounts.findById(context.getRegisteredClient().getClientId())
                .map(ClientAccount::profile)
                .ifPresent(profile -> context.getClaims().claims(claims -> claims.putAll(profile.claims())));
    }
}
