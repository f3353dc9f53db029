package vn.phoihop.auth.client;

import java.time.Instant;

/** A client created through the admin API, as it may be shown: everything but its secret. */
public record StoredClient(String clientId, String name, ClientProfile profile, Instant createdAt) {
}
