package vn.phoihop.auth.user;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.phoihop.auth.client.ClientSecrets;

/**
 * Creating, listing and deleting users. The password is generated here, as a client's secret is (256 random
 * bits: no strength rules to enforce, nothing reused from elsewhere), handed back once and stored only as a
 * {@code DelegatingPasswordEncoder} hash. A deleted user can no longer sign in.
 */
public final class UserRegistry {

    private final UserStore store;
    private final PasswordEncoder passwordEncoder;
    private final Predicate<String> isClientId;
    private final Clock clock;

    /** @param isClientId whether a (lower-case) name is the id of a client: every client id is lower case */
    public UserRegistry(UserStore store, PasswordEncoder passwordEncoder, Predicate<String> isClientId, Clock clock) {
        this.store = store;
        this.passwordEncoder = passwordEncoder;
        this.isClientId = isClientId;
        this.clock = clock;
    }

    /** @throws UserStore.DuplicateUsername when the username is taken, by a user or as a client's id */
    public CreatedUser create(NewUser request) {
        if (isClientId.test(request.username())) {
            throw new UserStore.DuplicateUsername(request.username(),
                    "is the id of a client: users and clients never share a name");
        }
        String password = ClientSecrets.generate();
        // milliseconds: what a MongoDB date keeps, so the answer equals what a later GET shows
        var user = new StoredUser(UUID.randomUUID().toString(), request.username(), request.displayName(),
                request.profile(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.insert(user, passwordEncoder.encode(password));
        return new CreatedUser(user, password);
    }

    public Optional<StoredUser> find(String id) {
        return store.find(id);
    }

    /** A page of the users of {@code unitIds} ({@code null}: of every unit). */
    public List<StoredUser> page(String afterId, int limit, Set<String> unitIds) {
        return store.page(afterId, limit, unitIds);
    }

    public boolean delete(String id) {
        return store.delete(id);
    }
}
