package vn.phoihop.logguard;

import java.util.List;

/**
 * The personal data the tests send, in one place so that the log guard knows what to look for. A test that adds a
 * member uses these values; {@link PersonalDataFinder} finds each of them in every log line, however a phone number is
 * written, beside the general shapes of a Vietnamese phone number and a citizen identity number.
 */
public final class PersonalDataSamples {

    /** A mobile number, as the integration tests add members with. */
    public static final String PHONE = "0987654321";
    /** {@link #PHONE} as an international number. */
    public static final String PHONE_INTERNATIONAL = "+84987654321";
    /** {@link #PHONE} as unit-service masks it. */
    public static final String PHONE_MASKED = "098****321";
    /** A citizen identity number (CCCD): province 092 (Cần Thơ), a woman born in 1988. */
    public static final String NATIONAL_ID = "092188004417";
    /** {@link #NATIONAL_ID} as unit-service masks it. */
    public static final String NATIONAL_ID_MASKED = "092*******17";
    /** A member's full name, personal data too (docs/members.md): kept out of logs like the numbers. */
    public static final String FULL_NAME = "Nguyễn Văn An";

    /** The examples of docs/members.md, used by the fast tests. */
    public static final String OTHER_PHONE = "0901234567";
    public static final String OTHER_PHONE_INTERNATIONAL = "+84901234567";
    public static final String OTHER_PHONE_MASKED = "090****567";
    /** Province 001 (Hà Nội), a man born in 2003. */
    public static final String OTHER_NATIONAL_ID = "001203012345";
    public static final String OTHER_NATIONAL_ID_MASKED = "001*******45";

    private PersonalDataSamples() {
    }

    /** The phone numbers the tests send. */
    public static List<String> phones() {
        return List.of(PHONE, OTHER_PHONE);
    }

    /** The citizen identity numbers the tests send. */
    public static List<String> nationalIds() {
        return List.of(NATIONAL_ID, OTHER_NATIONAL_ID);
    }

    /** The members' names the tests send that no other test data uses. */
    public static List<String> names() {
        return List.of(FULL_NAME);
    }
}
