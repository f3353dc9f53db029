package vn.phoihop.auth.client.web;

import java.util.ArrayList;
import java.util.List;
import vn.phoihop.auth.client.ClientProfile;
import vn.phoihop.auth.client.NewClient;
import vn.phoihop.auth.web.ProfileFields;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * The body of {@code POST /api/v1/clients}. Plain strings rather than enums, so that every mistake is
 * reported at once with the values that would have been accepted.
 */
record ClientRequest(String name, List<String> roles, String unitId, String agency, List<String> permissions) {

    NewClient toNewClient() {
        var errors = new ArrayList<FieldError>();
        String cleanName = ProfileFields.name("name", name, errors);
        ClientProfile profile = ProfileFields.profile(roles, unitId, agency, permissions, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
        return new NewClient(cleanName, profile);
    }
}
