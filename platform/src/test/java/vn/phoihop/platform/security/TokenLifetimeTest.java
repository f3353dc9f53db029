package vn.phoihop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenLifetimeTest {

    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private final TokenLifetime lifetime = new TokenLifetime(Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void upToTheMaximumIsAcceptedASecondMoreIsNot() {
        assertThat(lifetime.validate(token(NOW, NOW.plus(Duration.ofHours(1)))).hasErrors()).isFalse();
        assertThat(lifetime.validate(token(NOW, NOW.plus(Duration.ofMinutes(15)))).hasErrors()).isFalse();
        assertThat(lifetime.validate(token(NOW, NOW.plus(Duration.ofHours(1)).plusSeconds(1))).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getDescription()).contains("exp - iat"));
    }

    @Test
    void expiryAndIssueTimeAreRequired() {
        assertThat(lifetime.validate(token(NOW, null)).getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getErrorCode()).isEqualTo("invalid_token"))
                .satisfies(e -> assertThat(e.getDescription()).contains("exp"));
        assertThat(lifetime.validate(token(null, NOW.plusSeconds(60))).getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getDescription()).contains("iat"));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefusedBeyondTheClockSkew() {
        assertThat(lifetime.validate(token(NOW.plusSeconds(60), NOW.plusSeconds(900))).hasErrors()).isFalse();
        assertThat(lifetime.validate(token(NOW.plusSeconds(61), NOW.plusSeconds(900))).getErrors()).singleElement()
                .satisfies(e -> assertThat(e.getDescription()).contains("future"));
    }

    @Test
    void theMaximumMustBePositive() {
        assertThatThrownBy(() -> new TokenLifetime(Duration.ZERO)).hasMessageContaining(TokenLifetime.PROPERTY);
        assertThatThrownBy(() -> new TokenLifetime(Duration.ofMinutes(-5))).hasMessageContaining(TokenLifetime.PROPERTY);
    }

    private static Jwt token(Instant issued, Instant expires) {
        var token = Jwt.withTokenValue("t").header("alg", "RS256").subject("admin");
        if (issued != null) {
            token.issuedAt(issued);
        }
        if (expires != null) {
            token.expiresAt(expires);
        }
        return token.build();
    }
}
