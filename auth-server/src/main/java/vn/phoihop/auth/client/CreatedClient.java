package vn.phoihop.auth.client;

/**
 * A client just created, with the only copy of its secret there will ever be: the store keeps a hash.
 * {@link #toString()} leaves the secret out, so it cannot reach a log by accident.
 */
public record CreatedClient(StoredClient client, String secret) {

    @Override
    public String toString() {
        return "CreatedClient[client=" + client + "]";
    }
}
