package vn.phoihop.auth.client.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.phoihop.auth.client.Agency;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.client.NewClient;
import vn.phoihop.auth.client.Permission;
import vn.phoihop.auth.client.Role;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.Ids;

/**
 * The body of {@code POST /api/v1/clients}. Plain strings rather than enums, so that every mistake is
 * reported at once with the values that would have been accepted.
 */
record ClientRequest(String name, List<String> roles, String unitId, String agency, List<String> permissions) {

    static final int MAX_NAME = 100;

    NewClient toNewClient() {
        var errors = new ArrayList<FieldError>();
        String cleanName = name == null ? "" : Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        if (cleanName.isEmpty() || cleanName.length() > MAX_NAME || cleanName.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters, without control characters"));
        }
        List<String> cleanRoles = known("roles", roles, names(Role.values()), true, errors);
        if (unitId == null || !unitId.matches(Ids.PATTERN)) {
            errors.add(new FieldError("unitId", Ids.MESSAGE));
        }
        if (agency == null || !names(Agency.values()).contains(agency)) {
            errors.add(new FieldError("agency", "must be one of " + String.join(", ", names(Agency.values()))));
        }
        Set<String> claims = new LinkedHashSet<>(Arrays.stream(Permission.values()).map(Permission::claim).toList());
        List<String> cleanPermissions = known("permissions", permissions == null ? List.of() : permissions, claims, false, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
        return new NewClient(cleanName, new ClientProfile(cleanRoles, agency, unitId, cleanPermissions));
    }

    /** The values without repeats, in the order given; each unknown one is an error naming the known ones. */
    private static List<String> known(String field, List<String> values, Set<String> allowed, boolean required,
            List<FieldError> errors) {
        if (values == null || (required && values.isEmpty())) {
            errors.add(new FieldError(field, "must list at least one of " + String.join(", ", allowed)));
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", "must be one of " + String.join(", ", allowed)));
            }
        }
        return List.copyOf(new LinkedHashSet<>(values.stream().filter(allowed::contains).toList()));
    }

    private static Set<String> names(Enum<?>[] values) {
        var names = new LinkedHashSet<String>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }
}
