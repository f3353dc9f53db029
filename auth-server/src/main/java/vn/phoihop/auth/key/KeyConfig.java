package vn.phoihop.auth.key;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.phoihop.auth.AuthProperties;

@Configuration(proxyBeanMethods = false)
class KeyConfig {

    @Bean
    KeyRing keyRing(MongoDatabase database, AuthProperties properties) {
        return new KeyRing(new KeyStore(database),
                KeyEncryption.resolve(properties.keyEncryptionSecret(), properties.dataDir()),
                properties.signingKeyOverlap(), Clock.systemUTC());
    }
}
