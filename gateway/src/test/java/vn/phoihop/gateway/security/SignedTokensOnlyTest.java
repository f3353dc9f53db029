package vn.phoihop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import reactor.core.publisher.Mono;

class SignedTokensOnlyTest {

    @Test
    void anythingButThreePartsNeverReachesNimbus() {
        var calls = new AtomicInteger();
        var decoder = new SignedTokensOnly(token -> {
            calls.incrementAndGet();
            return Mono.error(new IllegalStateException("must not be called"));
        });
        for (String token : new String[] {"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "a", "a.b", "a.b.c.d",
                "", "....."}) {
            assertThatThrownBy(() -> decoder.decode(token).block()).as(token).isInstanceOf(BadJwtException.class);
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void aTokenNimbusCannotProcessIsInvalidButMissingKeysStayAServerError() {
        var broken = new SignedTokensOnly(token -> Mono.error(new JwtException("processing failed",
                new ClassCastException("JWEHeader cannot be cast to JWSHeader"))));
        assertThatThrownBy(() -> broken.decode("a.b.c").block()).isInstanceOf(BadJwtException.class);

        var noKeys = new SignedTokensOnly(token -> Mono.error(new IllegalStateException("Could not obtain the keys")));
        assertThatThrownBy(() -> noKeys.decode("a.b.c").block()).isInstanceOf(IllegalStateException.class);
    }
}
