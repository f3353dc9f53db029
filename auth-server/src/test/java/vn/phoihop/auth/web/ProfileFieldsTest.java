package vn.phoihop.auth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.phoihop.platform.web.ApiException.FieldError;

class ProfileFieldsTest {

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
