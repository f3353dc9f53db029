package vn.phoihop.auth.client;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.List;

/** A fixed set of accounts, built at start from configuration: {@code admin}. */
public final class InMemoryClientAccounts implements ClientAccounts {

    private final Map<String, ClientAccount> byId;

    public InMemoryClientAccounts(List<ClientAccount> accounts) {
        this.byId = accounts.stream().collect(Collectors.toUnmodifiableMap(ClientAccount::clientId, Function.identity()));
    }

    @Override
    public Optional<ClientAccount> findById(String clientId) {
        return Optional.ofNullable(byId.get(clientId));
    }
}
