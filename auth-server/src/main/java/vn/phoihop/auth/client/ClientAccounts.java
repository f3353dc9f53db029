package vn.phoihop.auth.client;

import java.util.Optional;

/** Where the token endpoint looks a client up: its secret's hash and the profile its tokens carry. */
public interface ClientAccounts {

    Optional<ClientAccount> findById(String clientId);
}
