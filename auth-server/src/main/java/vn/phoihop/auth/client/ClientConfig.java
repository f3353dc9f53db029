package vn.phoihop.auth.client;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import vn.phoihop.auth.AuthProperties;
import vn.phoihop.auth.client.mongo.MongoClientStore;
import vn.phoihop.auth.signin.DashboardClient;
import vn.phoihop.auth.signin.WebAppClient;

/**
 * The client accounts: {@code admin}, a national-scope administrator from configuration, and the clients
 * administrators create, kept in MongoDB.
 */
@Configuration(proxyBeanMethods = false)
class ClientConfig {

    static final ClientProfile ADMIN_PROFILE = new ClientProfile(List.of("ADMIN"), "OTHER", null, List.of("pii:read"));

    @Bean
    ClientStore clientStore(MongoDatabase database) {
        return new MongoClientStore(database);
    }

    @Bean
    ClientAccounts clientAccounts(AuthProperties properties, PasswordEncoder passwordEncoder, ClientStore store) {
        String secret = AdminClientSecret.resolve(properties.adminClientSecret(), properties.dataDir(), System.out);
        var admin = new InMemoryClientAccounts(List.of(new ClientAccount("admin", passwordEncoder.encode(secret), ADMIN_PROFILE)));
        return new ConfiguredThenStored(admin, store);
    }

    @Bean
    ClientRegistry clientRegistry(ClientStore store, PasswordEncoder passwordEncoder) {
        return new ClientRegistry(store, passwordEncoder, Clock.systemUTC());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(ClientAccounts accounts, AuthProperties properties,
            PasswordEncoder passwordEncoder) {
        var configured = new java.util.ArrayList<RegisteredClient>();
        configured.add(DashboardClient.of(properties.dashboard().redirectUris(), properties.accessTokenTtl()));
        if (properties.web().registered()) {
            configured.add(WebAppClient.of(properties.web(), passwordEncoder.encode(properties.web().clientSecret()),
                    properties.accessTokenTtl(), properties.web().refreshTokenTtl()));
        }
        return new AccountRegisteredClients(accounts, properties.accessTokenTtl(), configured);
    }
}
