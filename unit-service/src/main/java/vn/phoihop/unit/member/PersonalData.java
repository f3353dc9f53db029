package vn.phoihop.unit.member;

/**
 * Masks personal data (dữ liệu cá nhân, Decree 13/2023, Law 91/2025) for callers without {@code pii:read}:
 * enough to tell two records apart on a screen, not enough to call or identify the person.
 */
public final class PersonalData {

    private PersonalData() {
    }

    /** {@code 0901234567} → {@code 090****567}; {@code +84901234567} → {@code +84******567}. */
    public static String maskPhone(String phone) {
        return mask(phone, 3, 3);
    }

    /**
     * {@code 001203012345} → {@code 001*******45}. Only the first three digits (the province of birth) stay: the
     * fourth encodes sex and century and the fifth and sixth the year of birth, which are personal data too.
     */
    public static String maskNationalId(String nationalId) {
        return mask(nationalId, 3, 2);
    }

    private static String mask(String value, int keepStart, int keepEnd) {
        if (value == null) {
            return null;
        }
        if (value.length() <= keepStart + keepEnd) {
            return "*".repeat(value.length());
        }
        return value.substring(0, keepStart) + "*".repeat(value.length() - keepStart - keepEnd)
                + value.substring(value.length() - keepEnd);
    }
}
