package vn.phoihop.auth.client;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creating, listing and deleting the clients an administrator manages. A secret is generated here, handed
 * back once and stored only as a {@code DelegatingPasswordEncoder} hash; a deleted client's next token
 * request is refused because the account is gone.
 */
public final class ClientRegistry {

    private final ClientStore store;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    public ClientRegistry(ClientStore store, PasswordEncoder passwordEncoder, Clock clock) {
        this.store = store;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** @throws ClientStore.DuplicateName when the name is taken */
    public CreatedClient create(NewClient request) {
        String secret = ClientSecrets.generate();
        // milliseconds: what a MongoDB date keeps, so the answer equals what a later GET shows
        var client = new StoredClient(UUID.randomUUID().toString(), request.name(), request.profile(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.insert(client, passwordEncoder.encode(secret));
        return new CreatedClient(client, secret);
    }

    public Optional<StoredClient> find(String clientId) {
        return store.find(clientId);
    }

    /** A page of the clients of {@code unitIds} ({@code null}: of every unit). */
    public List<StoredClient> page(String afterId, int limit, Set<String> unitIds) {
        return store.page(afterId, limit, unitIds);
    }

    public boolean delete(String clientId) {
        return store.delete(clientId);
    }
}
