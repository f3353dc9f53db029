package vn.phoihop.auth.client;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import vn.phoihop.auth.AuthProperties;

/** The client accounts: for now only {@code admin}, a national-scope administrator. */
@Configuration(proxyBeanMethods = false)
class ClientConfig {

    static final ClientProfile ADMIN_PROFILE = new ClientProfile(List.of("ADMIN"), "OTHER", null, List.of("pii:read"));

    @Bean
    ClientAccounts clientAccounts(AuthProperties properties, PasswordEncoder passwordEncoder) {
        String secret = AdminClientSecret.resolve(properties.adminClientSecret(), properties.dataDir(), System.out);
        return new InMemoryClientAccounts(List.of(new ClientAccount("admin", passwordEncoder.encode(secret), ADMIN_PROFILE)));
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(ClientAccounts accounts, AuthProperties properties) {
        return new AccountRegisteredClients(accounts, properties.accessTokenTtl());
    }
}
