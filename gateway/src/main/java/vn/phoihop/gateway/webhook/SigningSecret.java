package vn.phoihop.gateway.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A Standard Webhooks secret: {@code whsec_} and the Base64 of 32 random bytes, the bytes being the HMAC key.
 * {@code retiresAt} is set when a newer secret replaces it: until then both sign, so a partner can switch.
 */
record SigningSecret(String value, Instant createdAt, Instant retiresAt) {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    static SigningSecret generate(Instant now) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new SigningSecret(PREFIX + Base64.getEncoder().encodeToString(key), now, null);
    }

    byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    boolean signsAt(Instant now) {
        return retiresAt == null || now.isBefore(retiresAt);
    }

    SigningSecret retiringAt(Instant when) {
        return new SigningSecret(value, createdAt, when);
    }

    @Override
    public String toString() {
        return "SigningSecret[createdAt=" + createdAt + ", retiresAt=" + retiresAt + "]"; // never the value
    }
}
