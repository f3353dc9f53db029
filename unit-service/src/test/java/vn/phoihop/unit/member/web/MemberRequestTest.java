package vn.phoihop.unit.member.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_NATIONAL_ID;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE;
import static vn.phoihop.logguard.PersonalDataSamples.OTHER_PHONE_INTERNATIONAL;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.security.Role;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.member.MemberRole;

/** The shape of a new member, the purpose header, the cursor and the permission claim, in memory. */
class MemberRequestTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final LocalDate JOINED = LocalDate.of(2025, 8, 1);

    @Test
    void aMemberWithOnlyTheRequiredFieldsIsValid() {
        assertThat(invalidFields(new MemberController.AddMember("Lê Thị B", MemberRole.MEMBER, null, null, JOINED, null, null)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {OTHER_PHONE, "09012345678", OTHER_PHONE_INTERNATIONAL, "+849012345678"})
    void vietnamesePhoneNumbersAreAccepted(String phone) {
        assertThat(invalidFields(withPhone(phone))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"090123456", "090123456789", "84901234567", "+1 202 555 0100", "090-123-4567",
            "0901234567 ", "", "０９０１２３４５６７"})
    void otherPhoneNumbersAreRefused(String phone) {
        assertThat(invalidFields(withPhone(phone))).containsExactly("phone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00120301234", "0012030123456", "00120301234X", "", "001 203 012 345"})
    void aNationalIdIsTwelveDigits(String nationalId) {
        assertThat(invalidFields(new MemberController.AddMember("A", MemberRole.MEMBER, null, nationalId, JOINED, null, null)))
                .containsExactly("nationalId");
        assertThat(invalidFields(new MemberController.AddMember("A", MemberRole.MEMBER, null, OTHER_NATIONAL_ID, JOINED,
                null, null))).isEmpty();
    }

    @Test
    void aNameIsOneTo200CharactersAndRoleAndJoiningDateAreRequired() {
        assertThat(invalidFields(new MemberController.AddMember("A".repeat(200), MemberRole.MEMBER, null, null, JOINED,
                null, null))).isEmpty();
        assertThat(invalidFields(new MemberController.AddMember("A".repeat(201), MemberRole.MEMBER, null, null, JOINED,
                null, null))).containsExactly("fullName");
        assertThat(invalidFields(new MemberController.AddMember("  ", null, null, null, null, null, null)))
                .containsExactlyInAnyOrder("fullName", "role", "joinedOn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lê \u202EB", "\u2066Lê Thị B\u2069", "Lê\u200BB", "Lê\u0000B"})
    void aNameOrEvidenceWithControlsOrBidiCharactersIsRefused(String text) {
        assertThat(invalidFields(new MemberController.AddMember(text, MemberRole.MEMBER, null, null, JOINED, null, null)))
                .containsExactly("fullName");
        var consent = new ConsentRequest(vn.phoihop.unit.member.ConsentBasis.CONSENT, JOINED, text);
        assertThat(invalidFields(new MemberController.AddMember("Lê Thị B", MemberRole.MEMBER, null, null, JOINED,
                null, consent))).containsExactly("consent.evidence");
        assertThat(VALIDATOR.validate(new MemberRightsController.ErasureRequest(text))).isNotEmpty();
    }

    @Test
    void validationMessagesNeverEchoTheValue() {
        Set<ConstraintViolation<MemberController.AddMember>> violations = VALIDATOR.validate(
                new MemberController.AddMember("A", MemberRole.MEMBER, "0901234", "0012030123", JOINED, null, null));
        assertThat(violations).hasSize(2).allSatisfy(v ->
                assertThat(v.getMessage()).doesNotContain("0901234", "0012030123"));
        assertThat(new MemberController.AddMember("Nguyễn Văn A", MemberRole.MEMBER, OTHER_PHONE, OTHER_NATIONAL_ID,
                JOINED, null, null).toString()).doesNotContain(OTHER_PHONE, OTHER_NATIONAL_ID, "Nguyễn");
    }

    @Test
    void thePurposeIsTrimmedMayBePercentEncodedAndBlankMeansNone() {
        assertThat(MemberController.purpose(" case-verification ")).isEqualTo("case-verification");
        assertThat(MemberController.purpose("X%C3%A1c%20minh%20v%E1%BB%A5%20vi%E1%BB%87c")).isEqualTo("Xác minh vụ việc");
        assertThat(MemberController.purpose("a+b")).isEqualTo("a+b");
        assertThat(MemberController.purpose(null)).isNull();
        assertThat(MemberController.purpose("   ")).isNull();
    }

    @Test
    void aPurposeTooLongWithControlCharactersOrBrokenEncodingIsA400() {
        for (String bad : List.of("x".repeat(201), "line\nforged", "%ZZ", "%C3%28", "tab%09in%20the%20middle")) {
            assertThatThrownBy(() -> MemberController.purpose(bad)).as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.errors().get(0).field()).isEqualTo("X-Purpose");
                    });
        }
    }

    @Test
    void cursorsRoundTripAndForgedOnesAreA400() {
        String cursor = MemberController.encodeCursor("3f6c1a2e-0000-4000-8000-000000000001");
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(MemberController.decodeCursor(cursor)).isEqualTo("3f6c1a2e-0000-4000-8000-000000000001");
        assertThat(MemberController.decodeCursor(null)).isNull();
        String operator = MemberController.encodeCursor("{\"$gt\":\"\"}");
        assertThatThrownBy(() -> MemberController.decodeCursor(operator)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> MemberController.decodeCursor("A")).isInstanceOf(ApiException.class);
    }

    @Test
    void onlyAPermissionNamedExactlyPiiReadCounts() {
        assertThat(MemberController.reader(withPermissions("reports:read", "pii:read"), "why").mayReadPii()).isTrue();
        assertThat(MemberController.reader(withPermissions("pii:readx", "PII:READ"), "why").mayReadPii()).isFalse();
        assertThat(MemberController.reader(withPermissions(), "why").mayReadPii()).isFalse();
    }

    private static Caller withPermissions(String... permissions) {
        return new Caller("officer", Set.of(Role.UNIT_OFFICER), "POLICE", "u-1", Set.of(permissions));
    }

    private static MemberController.AddMember withPhone(String phone) {
        return new MemberController.AddMember("A", MemberRole.MEMBER, phone, null, JOINED, null, null);
    }

    private static List<String> invalidFields(MemberController.AddMember request) {
        return VALIDATOR.validate(request).stream().map(v -> v.getPropertyPath().toString()).sorted()
                .collect(Collectors.toList());
    }
}
