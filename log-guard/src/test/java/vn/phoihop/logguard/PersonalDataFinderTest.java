package vn.phoihop.logguard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataFinderTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "phone=" + PersonalDataSamples.PHONE,
            "phone " + PersonalDataSamples.PHONE_INTERNATIONAL + " in the body",
            "{\"phone\":987654321}", // the sample as a JSON number, its leading 0 lost
            "84987654321",
            "cccd " + PersonalDataSamples.NATIONAL_ID,
            "members: [" + PersonalDataSamples.OTHER_PHONE + "," + PersonalDataSamples.OTHER_NATIONAL_ID + "]",
            "Member added: " + PersonalDataSamples.FULL_NAME,
            "Nguye\u0302\u0303n Va\u0306n An, in decomposed form"})
    void theValuesTheTestsSendAreFoundHoweverWritten(String line) {
        assertThat(PersonalDataFinder.kinds(PersonalDataFinder.find(line))).contains(PersonalDataFinder.Kind.TEST_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0912345678", "+84912345678", "02923812345", "call 0381234567.", "(0701234567)",
            "\"phone\":\"0851234567\"", "số0961234567", "+842923812345"})
    void anyVietnameseNumberIsFoundByItsShape(String line) {
        assertThat(PersonalDataFinder.kinds(PersonalDataFinder.find(line))).containsExactly(PersonalDataFinder.Kind.PHONE_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"079203001234", "id=001099012345,", "\"nationalId\":\"096300123456\""})
    void anyCitizenIdentityNumberIsFoundByItsShape(String line) {
        assertThat(PersonalDataFinder.kinds(PersonalDataFinder.find(line))).containsExactly(PersonalDataFinder.Kind.NATIONAL_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            PersonalDataSamples.PHONE_MASKED, PersonalDataSamples.NATIONAL_ID_MASKED, "+84******321",
            "3f6c1a2e-0000-4000-8000-012345678901", // a UUID whose last group looks like a national id
            "0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab",
            "took 0.0123456789 s", "ratio 3.012345678912", "PT0.0123456789S",
            "1732550400123", "offset 123456789012", "nanos 98765432101234",
            "sha256 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
            "0123456789012345678901234567890123456789012345678901234567890123",
            "test-1a2b3c4d", "run-01234567890123456789", "junit0123456789", "0x0123456789",
            "2025-08-01T02:30:00.123Z", "Unit tree loaded: 3355 units in 412 ms", "Nguyễn Văn A", "Nguyễn Văn Anh"})
    void ordinaryLogTextIsNotPersonalData(String line) {
        assertThat(PersonalDataFinder.find(line)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void redactionReplacesEachFindingWithItsKind() {
        assertThat(PersonalDataFinder.redact("a " + PersonalDataSamples.PHONE + " b 079203001234 c "
                + PersonalDataSamples.FULL_NAME + " d " + PersonalDataSamples.NATIONAL_ID))
                .isEqualTo("a <phone-number> b <national-id> c <test-value> d <national-id>");
        assertThat(PersonalDataFinder.redact("nothing here")).isEqualTo("nothing here");
    }
}
