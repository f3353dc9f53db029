package vn.phoihop.auth.client;

/**
 * A machine client (service account or partner) that obtains tokens with {@code client_credentials}.
 *
 * @param secretHash the secret as a {@code DelegatingPasswordEncoder} hash ({@code {bcrypt}…}); never the secret
 */
public record ClientAccount(String clientId, String secretHash, ClientProfile profile) {

    @Override
    public String toString() {
        return "ClientAccount[clientId=" + clientId + ", profile=" + profile + "]";
    }
}
