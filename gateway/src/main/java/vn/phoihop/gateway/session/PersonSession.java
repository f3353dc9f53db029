package vn.phoihop.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A signed-in person at the gateway: who (from their access token's claims), their tokens (never shown to the
 * browser), the CSRF token the app sends with writes, and when the session ends. {@code version} counts token
 * refreshes, so that two gateways refreshing at once do not both replace the tokens.
 */
record PersonSession(String id, String subject, List<String> roles, String agency, String unitId,
        List<String> permissions, Tokens tokens, int version, String csrfToken, Instant createdAt, Instant lastSeenAt,
        Instant absoluteExpiresAt) {

    /** The person's tokens from auth-server; {@code toString} shows none of them. */
    record Tokens(String access, Instant accessExpiresAt, String refresh, String id) {
        @Override
        public String toString() {
            return "Tokens[accessExpiresAt=" + accessExpiresAt + "]";
        }
    }

    String username() {
        return subject.startsWith("user:") ? subject.substring("user:".length()) : subject;
    }

    Instant expiresAt(Duration idleTimeout) {
        Instant idle = lastSeenAt.plus(idleTimeout);
        return idle.isBefore(absoluteExpiresAt) ? idle : absoluteExpiresAt;
    }

    boolean needsRefresh(Instant now, Duration refreshBefore) {
        return tokens.accessExpiresAt().minus(refreshBefore).isBefore(now);
    }

    PersonSession seenAt(Instant now) {
        return new PersonSession(id, subject, roles, agency, unitId, permissions, tokens, version, csrfToken, createdAt,
                now, absoluteExpiresAt);
    }

    @Override
    public String toString() {
        return "PersonSession[subject=" + subject + ", version=" + version + ", absoluteExpiresAt=" + absoluteExpiresAt + "]";
    }
}
