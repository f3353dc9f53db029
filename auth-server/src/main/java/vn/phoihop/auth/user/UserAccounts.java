package vn.phoihop.auth.user;

import java.util.Locale;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The sign-in page's view of the users: username and password hash. Roles are not needed here: they reach
 * the token as claims ({@code ProfileClaims}), not as this session's authorities.
 */
public final class UserAccounts implements UserDetailsService {

    private final UserStore store;

    public UserAccounts(UserStore store) {
        this.store = store;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return store.account(name)
                .map(account -> User.withUsername(account.user().username()).password(account.passwordHash())
                        .authorities("ROLE_USER").build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user")); // the name is not echoed to logs
    }
}
