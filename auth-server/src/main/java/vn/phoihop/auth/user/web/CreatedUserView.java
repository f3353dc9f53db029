package vn.phoihop.auth.user.web;

import java.util.List;
import vn.phoihop.auth.user.CreatedUser;

/** The answer to a creation: the one response that carries the password. */
record CreatedUserView(String id, String username, String password, String displayName, List<String> roles,
        String unitId, String agency, List<String> permissions) {

    static CreatedUserView of(CreatedUser created) {
        var u = created.user();
        return new CreatedUserView(u.id(), u.username(), created.password(), u.displayName(), u.profile().roles(),
                u.profile().unitId(), u.profile().agency(), u.profile().permissions());
    }

    @Override
    public String toString() {
        return "CreatedUserView[id=" + id + ", username=" + username + "]";
    }
}
