package vn.phoihop.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.platform.web.ApiException.FieldError;

/** Names of clients and users are shown to administrators, who tell accounts apart by them. */
class ProfileFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"C\u00f4ng an \u202Eg\u00f9ohK hniN", "\u2066admin\u2069", "ad\u200Bmin", "\uFEFFadmin",
            "admin\u200E", "x\u0007", "x\u0085y"})
    void aNameThatCouldDisplayAsAnotherIsRefusedNamingTheField(String name) {
        var errors = new ArrayList<FieldError>();

        ProfileFields.name("displayName", name, errors);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("displayName");
            assertThat(e.message()).contains("U+");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"C\u00f4ng an ph\u01b0\u1eddng Ninh Ki\u1ec1u", "Ban ch\u1ec9 \u0111\u1ea1o 138", "  padded  "})
    void ordinaryNamesAreKeptTrimmed(String name) {
        var errors = new ArrayList<FieldError>();

        assertThat(ProfileFields.name("name", name, errors)).isEqualTo(name.strip());
        assertThat(errors).isEmpty();
    }


    @Test
    void anEndlessListOfRolesOrPermissionsIsOneErrorNotOnePerEntry() {
        var errors = new ArrayList<FieldError>();
        List<String> roles = IntStream.range(0, 10_000).mapToObj(i -> "ROLE" + i).toList();
        ProfileFields.profile(roles, "unit-1", "POLICE", Collections.nCopies(10_000, "pii:write"), errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("roles", "permissions");
        assertThat(errors).allSatisfy(error -> assertThat(error.message()).contains("at most 20"));
    }

    @Test
    void repeatsWithinTheBoundAreStillTakenOnce() {
        var errors = new ArrayList<FieldError>();
        var profile = ProfileFields.profile(List.of("VIEWER", "VIEWER"), "unit-1", "POLICE", List.of(), errors);
        assertThat(errors).isEmpty();
        assertThat(profile.roles()).containsExactly("VIEWER");
    }
}
