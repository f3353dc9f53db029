package vn.phoihop.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class BoundedAuthorizationsTest {

    private static final RegisteredClient CLIENT = RegisteredClient.withId("admin").clientId("admin")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).build();

    private static OAuth2Authorization authorization(int n) {
        var token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-" + n, Instant.now(),
                Instant.now().plusSeconds(900));
        return OAuth2Authorization.withRegisteredClient(CLIENT).id("a-" + n).principalName("admin")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).accessToken(token).build();
    }

    @Test
    void keepsOnlyTheNewestAndForgetsTheOldest() {
        var store = new BoundedAuthorizations(3);
        for (int n = 1; n <= 5; n++) {
            store.save(authorization(n));
        }

        assertThat(store.size()).isEqualTo(3);
        assertThat(store.findById("a-1")).isNull();
        assertThat(store.findById("a-2")).isNull();
        assertThat(store.findById("a-5")).isNotNull();
        assertThat(store.findByToken("token-3", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
        assertThat(store.findByToken("token-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
    }

    @Test
    void savingTheSameAuthorizationAgainDoesNotCountTwice() {
        var store = new BoundedAuthorizations(2);
        store.save(authorization(1));
        store.save(authorization(1));
        store.save(authorization(2));
        assertThat(store.findById("a-1")).isNotNull();
        store.remove(authorization(1));
        assertThat(store.size()).isEqualTo(1);
    }
}
