package vn.phoihop.auth.web;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.phoihop.auth.client.Agency;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.client.Permission;
import vn.phoihop.auth.client.Role;
import vn.phoihop.platform.text.LegibleText;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.Ids;

/**
 * The checks shared by the bodies that create a principal (a client, a user): a display name and the profile
 * that becomes token claims. Each mistake is added to {@code errors} with the values that would be accepted,
 * so that all of them are reported at once.
 */
public final class ProfileFields {

    public static final int MAX_NAME = 100;
    /** Entries of a roles or permissions list: repeats are harmless, an endless list is not (one error per entry). */
    public static final int MAX_LIST = 20;

    private ProfileFields() {
    }

    /**
     * The name trimmed and NFC-normalized; 1 to 100 characters, legible ({@link LegibleText}: no control,
     * bidirectional or invisible formatting character, which could make it display as another's name).
     */
    public static String name(String field, String value, List<FieldError> errors) {
        String clean = value == null ? "" : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        if (clean.isEmpty() || clean.length() > MAX_NAME) {
            errors.add(new FieldError(field, "must be 1 to " + MAX_NAME + " characters"));
        } else if (LegibleText.problem(clean) != null) {
            errors.add(new FieldError(field, LegibleText.problem(clean)));
        }
        return clean;
    }

    /** Roles (at least one), a unit, an agency and known permissions (optional). */
    public static ClientProfile profile(List<String> roles, String unitId, String agency, List<String> permissions,
            List<FieldError> errors) {
        List<String> cleanRoles = known("roles", roles, names(Role.values()), true, errors);
        if (unitId == null || !unitId.matches(Ids.PATTERN)) {
            errors.add(new FieldError("unitId", Ids.MESSAGE));
        }
        if (agency == null || !names(Agency.values()).contains(agency)) {
            errors.add(new FieldError("agency", "must be one of " + String.join(", ", names(Agency.values()))));
        }
        Set<String> claims = new LinkedHashSet<>(Arrays.stream(Permission.values()).map(Permission::claim).toList());
        List<String> cleanPermissions = known("permissions", permissions == null ? List.of() : permissions, claims, false, errors);
        return errors.isEmpty() ? new ClientProfile(cleanRoles, agency, unitId, cleanPermissions) : null;
    }

    /** The values without repeats, in the order given; each unknown one is an error naming the known ones. */
    private static List<String> known(String field, List<String> values, Set<String> allowed, boolean required,
            List<FieldError> errors) {
        if (values == null || (required && values.isEmpty())) {
            errors.add(new FieldError(field, "must list at least one of " + String.join(", ", allowed)));
            return List.of();
        }
        if (values.size() > MAX_LIST) {
            errors.add(new FieldError(field, "must list at most " + MAX_LIST + " of " + String.join(", ", allowed)));
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
