package vn.phoihop.auth.user;

import vn.phoihop.auth.client.ClientProfile;

/** What an administrator asks for; the id and the password are made by {@link UserRegistry}. */
public record NewUser(String username, String displayName, ClientProfile profile) {
}
