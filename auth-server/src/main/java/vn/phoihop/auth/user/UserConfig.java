package vn.phoihop.auth.user;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The people who sign in, kept in MongoDB and managed by administrators. */
@Configuration(proxyBeanMethods = false)
class UserConfig {

    @Bean
    UserStore userStore(MongoDatabase database) {
        return new UserStore(database);
    }

    @Bean
    UserRegistry userRegistry(UserStore store, PasswordEncoder passwordEncoder) {
        return new UserRegistry(store, passwordEncoder, Clock.systemUTC());
    }

    @Bean
    UserAccounts userAccounts(UserStore store) {
        return new UserAccounts(store);
    }
}
