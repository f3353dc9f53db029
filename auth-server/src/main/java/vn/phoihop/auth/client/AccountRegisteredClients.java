package vn.phoihop.auth.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Presents {@link ClientAccounts} to Spring Authorization Server. Every account is a confidential
 * {@code client_credentials} client authenticating with HTTP Basic or form parameters; its access
 * tokens are signed JWTs. The registered client's id is the client id, so both lookups agree. Clients
 * from configuration that are no account (the public {@code dashboard}) are looked up first.
 */
public final class AccountRegisteredClients implements RegisteredClientRepository {

    private final ClientAccounts accounts;
    private final TokenSettings tokenSettings;
    private final Map<String, RegisteredClient> configured;

    public AccountRegisteredClients(ClientAccounts accounts, Duration accessTokenTtl, List<RegisteredClient> configured) {
        this.accounts = accounts;
        this.tokenSettings = tokenSettings(accessTokenTtl);
        this.configured = configured.stream().collect(Collectors.toUnmodifiableMap(RegisteredClient::getClientId, c -> c));
    }

    /** Self-contained (JWT) access tokens of the configured lifetime, for every client. */
    public static TokenSettings tokenSettings(Duration accessTokenTtl) {
        return TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(accessTokenTtl)
                .build();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("client accounts are managed through ClientAccounts");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        RegisteredClient fixed = configured.get(clientId);
        return fixed != null ? fixed : accounts.findById(clientId).map(this::toRegisteredClient).orElse(null);
    }

    private RegisteredClient toRegisteredClient(ClientAccount account) {
        return RegisteredClient.withId(account.clientId())
                .clientId(account.clientId())
                .clientSecret(account.secretHash())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(tokenSettings)
                .build();
    }
}
