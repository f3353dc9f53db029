package vn.phoihop.unit.member;

/**
 * Who reads members, as far as personal data is concerned.
 *
 * @param subject       the token's subject, for the audit log
 * @param mayReadPii    whether the token's {@code permissions} hold {@code pii:read}
 * @param purpose       the declared purpose ({@code X-Purpose}), or {@code null}
 */
public record Reader(String subject, boolean mayReadPii, String purpose) {

    /** What this reader gets: personal data in full only with the permission <em>and</em> a declared purpose. */
    public Disclosure disclosure() {
        if (!mayReadPii) {
            return Disclosure.MASKED;
        }
        return purpose == null ? Disclosure.MASKED_PURPOSE_REQUIRED : Disclosure.UNMASKED;
    }

    public enum Disclosure {
        UNMASKED, MASKED,
        /** The reader holds {@code pii:read} but declared no purpose; the answer says how to get the data. */
        MASKED_PURPOSE_REQUIRED
    }
}
