package vn.phoihop.auth.client;

import java.util.Optional;

/**
 * Every account that may obtain tokens: the configured ones ({@code admin}) first, so the admin client works
 * exactly as before and even while MongoDB is unreachable, then those in the store.
 */
public final class ConfiguredThenStored implements ClientAccounts {

    private final ClientAccounts configured;
    private final ClientStore stored;

    public ConfiguredThenStored(ClientAccounts configured, ClientStore stored) {
        this.configured = configured;
        this.stored = stored;
    }

    @Override
    public Optional<ClientAccount> findById(String clientId) {
        return configured.findById(clientId).or(() -> stored.account(clientId));
    }
}
