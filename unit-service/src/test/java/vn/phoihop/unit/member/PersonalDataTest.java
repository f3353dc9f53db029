package vn.phoihop.unit.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_NATIONAL_ID_MASKED;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE_INTERNATIONAL;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE_MASKED;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.phoihop.platform.web.ApiException;

/** Masking and the date rules, in memory. */
class PersonalDataTest {

    static final LocalDate TODAY = LocalDate.of(2026, 8, 19);

    @ParameterizedTest
    @CsvSource({
            OTHER_PHONE + ", " + OTHER_PHONE_MASKED,
            "09012345678,  090*****678",
            OTHER_PHONE_INTERNATIONAL + ", +84******567"})
    void phonesKeepTheirFirstThreeAndLastThreeCharacters(String phone, String masked) {
        assertThat(PersonalData.maskPhone(phone)).isEqualTo(masked).hasSameSizeAs(phone);
    }

    @Test
    void nationalIdsKeepOnlyTheProvinceOfBirthAndTheLastTwoDigits() {
        assertThat(PersonalData.maskNationalId(OTHER_NATIONAL_ID)).isEqualTo(OTHER_NATIONAL_ID_MASKED);
    }

    @Test
    void shortOrMissingValuesAreFullyMaskedOrStayMissing() {
        assertThat(PersonalData.maskPhone("12345")).isEqualTo("*****");
        assertThat(PersonalData.maskPhone(null)).isNull();
        assertThat(PersonalData.maskNationalId(null)).isNull();
    }

    @Test
    void aMaskedMemberKeepsEverythingButThePersonalData() {
        var member = member(OTHER_PHONE, OTHER_NATIONAL_ID);
        var masked = member.masked();
        assertThat(masked.phone()).isEqualTo(OTHER_PHONE_MASKED);
        assertThat(masked.nationalId()).isEqualTo(OTHER_NATIONAL_ID_MASKED);
        assertThat(masked).usingRecursiveComparison().ignoringFields("phone", "nationalId").isEqualTo(member);
        assertThat(member(null, null).masked().hasPersonalData()).isFalse();
    }

    @Test
    void aMemberPrintedToALogShowsNoPersonalData() {
        var member = member(OTHER_PHONE, OTHER_NATIONAL_ID);
        assertThat(member.toString()).doesNotContain(OTHER_PHONE, OTHER_NATIONAL_ID, "Nguyễn").contains("m-1");
        assertThat(new MemberRoster.NewMember("Nguyễn Văn A", MemberRole.MEMBER, OTHER_PHONE, OTHER_NATIONAL_ID,
                TODAY, null).toString()).doesNotContain(OTHER_PHONE, OTHER_NATIONAL_ID, "Nguyễn");
    }

    @Test
    void fullDataNeedsThePermissionAndAPurpose() {
        assertThat(new Reader("s", true, "verification").disclosure()).isEqualTo(Reader.Disclosure.UNMASKED);
        assertThat(new Reader("s", true, null).disclosure()).isEqualTo(Reader.Disclosure.MASKED_PURPOSE_REQUIRED);
        assertThat(new Reader("s", false, "verification").disclosure()).isEqualTo(Reader.Disclosure.MASKED);
    }

    @Test
    void joinedTodayOrEarlierAndLeftOnOrAfterJoiningAreAccepted() {
        MemberRoster.checkDates(input(TODAY, null), TODAY);
        MemberRoster.checkDates(input(TODAY.minusYears(3), TODAY.minusYears(3)), TODAY);
        MemberRoster.checkDates(input(TODAY.minusYears(3), TODAY.plusDays(30)), TODAY); // a planned departure
    }

    @Test
    void joiningInTheFutureOrLeavingBeforeJoiningIsA400NamingTheField() {
        assertThatThrownBy(() -> MemberRoster.checkDates(input(TODAY.plusDays(1), null), TODAY))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.errors()).extracting(ApiException.FieldError::field).containsExactly("joinedOn");
                });
        assertThatThrownBy(() -> MemberRoster.checkDates(input(TODAY, TODAY.minusDays(1)), TODAY))
                .isInstanceOfSatisfying(ApiException.class, e ->
                        assertThat(e.errors()).extracting(ApiException.FieldError::field).containsExactly("leftOn"));
    }

    @Test
    void aRequestFingerprintChangesWithAnyFieldAndHidesTheValues() {
        var a = new MemberRoster.NewMember("Nguyễn Văn A", MemberRole.MEMBER, OTHER_PHONE, null, TODAY, null);
        String fingerprint = MemberRoster.fingerprint(a);
        assertThat(fingerprint).isEqualTo(MemberRoster.fingerprint(
                new MemberRoster.NewMember("Nguyễn Văn A", MemberRole.MEMBER, OTHER_PHONE, null, TODAY, null)))
                .matches("[0-9a-f]{64}").doesNotContain(OTHER_PHONE);
        assertThat(MemberRoster.fingerprint(new MemberRoster.NewMember("Nguyễn Văn A", MemberRole.MEMBER, null,
                OTHER_PHONE, TODAY, null))).as("the same digits in another field").isNotEqualTo(fingerprint);
        assertThat(MemberRoster.fingerprint(new MemberRoster.NewMember("Nguyễn Văn A", MemberRole.MEMBER, OTHER_PHONE,
                null, TODAY, TODAY))).isNotEqualTo(fingerprint);
    }

    private static MemberRoster.NewMember input(LocalDate joinedOn, LocalDate leftOn) {
        return new MemberRoster.NewMember("Nguyễn Văn A", MemberRole.TEAM_LEADER, null, null, joinedOn, leftOn);
    }

    private static Member member(String phone, String nationalId) {
        return new Member("m-1", "u-1", "Nguyễn Văn A", MemberRole.TEAM_LEADER, phone, nationalId, TODAY, null,
                Instant.parse("2026-08-19T02:30:00Z"), "admin");
    }
}
