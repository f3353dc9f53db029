package vn.phoihop.auth.user;

import java.time.Instant;
import vn.phoihop.auth.client.ClientProfile;

/**
 * A person who signs in to the dashboard, as it may be shown: everything but the password's hash. The profile
 * is a client's: the same claims reach the same services.
 */
public record StoredUser(String id, String username, String displayName, ClientProfile profile, Instant createdAt) {
}
