package vn.phoihop.auth.user.web;

import java.time.Instant;
import java.util.List;
import vn.phoihop.auth.user.StoredUser;

/** A user in a list or a lookup: never the password, not even its hash. */
record UserView(String id, String username, String displayName, List<String> roles, String unitId, String agency,
        List<String> permissions, Instant createdAt) {

    static UserView of(StoredUser u) {
        return new UserView(u.id(), u.username(), u.displayName(), u.profile().roles(), u.profile().unitId(),
                u.profile().agency(), u.profile().permissions(), u.createdAt());
    }
}
