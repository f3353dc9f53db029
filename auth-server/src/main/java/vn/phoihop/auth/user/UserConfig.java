package vn.phoihop.auth.user;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The people who sign in, kept in MongoDB and managed by administrators. */
@Configuration(proxyBeanMethods = false)
class UserConfig {

    @Bean
    UserStore userStore(MongoDatabase database) {
        return new UserStore(database);
    }

    /** Client ids are looked up as the token endpoint looks them up: configured ones ({@code admin}, {@code dashboard}) and stored ones. */
    @Bean
    UserRegistry userRegistry(UserStore store, PasswordEncoder passwordEncoder, RegisteredClientRepository clients) {
        return new UserRegistry(store, passwordEncoder, name -> clients.findByClientId(name) != null, Clock.systemUTC());
    }

    @Bean
    UserAccounts userAccounts(UserStore store) {
        return new UserAccounts(store);
    }
}
