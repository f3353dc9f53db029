package vn.phoihop.auth.client;

import java.util.Optional;

/** Where client accounts live. In memory for now; a MongoDB implementation replaces it later. */
public interface ClientAccounts {

    Optional<ClientAccount> findById(String clientId);
}
