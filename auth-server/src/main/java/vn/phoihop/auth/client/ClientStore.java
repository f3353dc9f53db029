package vn.phoihop.auth.client;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where clients created through the admin API are kept (MongoDB). */
public interface ClientStore {

    /** Stores a new client; {@link DuplicateName} when another client has this name. */
    void insert(StoredClient client, String secretHash);

    Optional<StoredClient> find(String clientId);

    /** The client as the token endpoint needs it: with its secret's hash. */
    Optional<ClientAccount> account(String clientId);

    /**
     * Up to {@code limit} clients ordered by id, starting after {@code afterId} ({@code null}: from the first), of
     * the given units only ({@code null}: of every unit).
     */
    List<StoredClient> page(String afterId, int limit, Set<String> unitIds);

    /** {@code false} when there was no such client. */
    boolean delete(String clientId);

    /** Names are unique so that an administrator can tell clients apart in a list. */
    final class DuplicateName extends RuntimeException {
        public DuplicateName(String name) {
            super("A client named '" + name + "' already exists");
        }
    }
}
