package vn.phoihop.auth.user.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.user.NewUser;
import vn.phoihop.auth.web.ProfileFields;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * The body of {@code POST /api/v1/users}: a client's fields, with a username to sign in with instead of a
 * name. There is no password field: the server makes one.
 */
record UserRequest(String username, String displayName, List<String> roles, String unitId, String agency,
        List<String> permissions) {

    /** Letters, digits and {@code . _ @ -}; kept in lower case, so sign-in ignores case. */
    static final String USERNAME = "[a-z0-9._@-]{3,64}";

    NewUser toNewUser() {
        var errors = new ArrayList<FieldError>();
        String cleanUsername = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!cleanUsername.matches(USERNAME)) {
            errors.add(new FieldError("username", "must be 3 to 64 letters, digits, '.', '_', '@' or '-'"));
        }
        String cleanName = ProfileFields.name("displayName", displayName, errors);
        ClientProfile profile = ProfileFields.profile(roles, unitId, agency, permissions, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
        return new NewUser(cleanUsername, cleanName, profile);
    }
}
