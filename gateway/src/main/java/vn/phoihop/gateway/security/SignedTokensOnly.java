package vn.phoihop.gateway.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Hands only signed tokens (JWS compact: three parts) to Nimbus. An encrypted one (JWE: five parts) made Spring
 * Security's JWK-set decoder cast its header to a JWS header; the ClassCastException came out as an authentication
 * <em>service</em> error, a 500 with a stack trace, where every other malformed token is a 401. auth-server signs
 * and never encrypts. Any other failure to process the token itself is an invalid token as well; failing to fetch
 * the keys is not the caller's fault (an {@link IllegalStateException}) and stays a server error.
 */
final class SignedTokensOnly implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;

    SignedTokensOnly(ReactiveJwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        if (!isCompactJws(token)) {
            return Mono.error(new BadJwtException("The token is not a signed JWT"));
        }
        return Mono.defer(() -> decoder.decode(token)).onErrorMap(
                e -> e instanceof JwtException && !(e instanceof BadJwtException),
                e -> new BadJwtException("The token could not be processed", e));
    }

    static boolean isCompactJws(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
