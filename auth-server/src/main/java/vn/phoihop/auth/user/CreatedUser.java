package vn.phoihop.auth.user;

/**
 * A user just created, with the only copy of the password there will ever be: the store keeps a hash.
 * {@link #toString()} leaves the password out, so it cannot reach a log by accident.
 */
public record CreatedUser(StoredUser user, String password) {

    @Override
    public String toString() {
        return "CreatedUser[user=" + user + "]";
    }
}
