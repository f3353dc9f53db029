package vn.phoihop.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must say when it was issued ({@code iat}, not in the future) and when it expires ({@code exp}), at most
 * {@code max} later. Spring's timestamp check passes a token without {@code exp}: one signed by our key would be
 * good forever, and one with a far {@code exp} would outlive every rotation's overlap. The services check the same
 * with platform's {@code TokenLifetime}, which the gateway does not depend on (a servlet module).
 */
final class TokenLifetime implements OAuth2TokenValidator<Jwt> {

    /** The property that sets the maximum, in every process that validates tokens. */
    static final String PROPERTY = "phoihop.security.max-token-lifetime";
    /** Four times auth-server's default lifetime (15 minutes). */
    static final String DEFAULT = "1h";
    /** As Spring's timestamp check allows for {@code exp} and {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Duration max;
    private final Clock clock;

    TokenLifetime(Duration max) {
        this(max, Clock.systemUTC());
    }

    TokenLifetime(Duration max, Clock clock) {
        if (max == null || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException(PROPERTY + " must be positive, not " + max);
        }
        this.max = max;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant issued = token.getIssuedAt();
        Instant expires = token.getExpiresAt();
        if (expires == null) {
            return refused("The token has no expiry (exp)");
        }
        if (issued == null) {
            return refused("The token has no issue time (iat)");
        }
        if (issued.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            return refused("The token was issued in the future (iat)");
        }
        if (Duration.between(issued, expires).compareTo(max) > 0) {
            return refused("The token lives longer than " + max + " (exp - iat)");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description,
                "https://tools.ietf.org/html/rfc6750#section-3.1"));
    }
}
