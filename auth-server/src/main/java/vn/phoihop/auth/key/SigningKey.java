package vn.phoihop.auth.key;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;

/**
 * One key of the ring, as loaded from the {@code keys} collection.
 *
 * @param retireAt {@code null} while it is the newest key; set by the rotation that replaced it to the end of
 *     the overlap, after which it is no longer published
 * @param jwk the private RSA key while not retired; {@code null} afterwards (the material is deleted)
 */
public record SigningKey(String kid, Instant createdAt, Instant retireAt, RSAKey jwk) {

    /** What a key is doing now. */
    public enum Status {
        /** Signs new tokens (and is published). */
        ACTIVE,
        /** Replaced by a rotation: signs nothing, still published until its {@code retireAt}. */
        PUBLISHED,
        /** Past its overlap: no longer published, its private part deleted. */
        RETIRED
    }

    boolean retiredAt(Instant now) {
        return retireAt != null && !retireAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + ", retireAt=" + retireAt + "]";
    }
}
