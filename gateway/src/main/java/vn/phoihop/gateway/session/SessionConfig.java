package vn.phoihop.gateway.session;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** The web app's sessions: their store in the gateway's database, auth-server as their client, the relay filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class SessionConfig {

    @Bean
    SessionStore sessionStore(MongoDatabase gatewayDatabase, SessionProperties properties) {
        return new SessionStore(gatewayDatabase, properties.idleTimeout());
    }

    @Bean
    AuthServerClient authServerClient(SessionProperties properties, ReactiveJwtDecoder jwtDecoder,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwksUri) {
        return new AuthServerClient(properties, issuer, jwksUri, jwtDecoder, Clock.systemUTC());
    }

    @Bean
    Sessions sessions(SessionStore store, AuthServerClient authServer, SessionProperties properties) {
        return new Sessions(store, authServer, properties);
    }

    @Bean
    Origins origins(SessionProperties properties) {
        return new Origins(properties.publicOrigin());
    }

    @Bean
    SessionHeaders sessionHeaders() {
        return new SessionHeaders();
    }

    @Bean
    SessionRelay sessionRelay(Sessions sessions, Origins origins) {
        return new SessionRelay(sessions, origins);
    }
}
