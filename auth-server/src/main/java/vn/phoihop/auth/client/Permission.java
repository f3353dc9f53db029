package vn.phoihop.auth.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * Rights beyond a role, in the {@code permissions} claim. Only those a service checks are known here, so a
 * misspelt permission is refused at creation instead of silently granting nothing.
 */
public enum Permission {
    /** Reading members' phone numbers and national ids unmasked. */
    PII_READ("pii:read");

    private final String claim;

    Permission(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static Optional<Permission> ofClaim(String claim) {
        return Arrays.stream(values()).filter(p -> p.claim.equals(claim)).findFirst();
    }
}
