package vn.phoihop.gateway.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import vn.phoihop.events.EventType;
import vn.phoihop.events.EventTypes;
import vn.phoihop.gateway.problem.ApiProblem;
import vn.phoihop.gateway.problem.ApiProblem.FieldError;

/** The body of {@code POST /api/v1/webhooks}; unknown fields are refused by Jackson before it gets here. */
record Registration(String url, List<String> eventTypes, String programId, String unitId) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_URL = 2_000;

    /** Every mistake at once, as a 400 problem; the URL's target is checked by the policy. */
    Set<String> validate(TargetPolicy policy) {
        var errors = new ArrayList<FieldError>();
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "is required"));
        } else if (url.length() > MAX_URL) {
            errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
        } else {
            try {
                policy.checkRegistration(url);
            } catch (TargetPolicy.RefusedTarget refused) {
                errors.add(new FieldError("url", refused.getMessage()));
            }
        }
        var types = new LinkedHashSet<String>();
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.add(new FieldError("eventTypes", "name at least one of: " + known()));
        } else if (eventTypes.size() > EventTypes.ALL.size()) { // one error, not one per entry: the answer stays small
            errors.add(new FieldError("eventTypes", "name at most " + EventTypes.ALL.size() + " types, of: " + known()));
        } else {
            for (String type : eventTypes) {
                if (type == null || EventTypes.byName(type).isEmpty()) {
                    errors.add(new FieldError("eventTypes", "unknown type " + (type == null ? "null" : "'"
                            + (type.length() > 60 ? type.substring(0, 60) + "…" : type) + "'") + "; known: " + known()));
                } else {
                    types.add(type);
                }
            }
        }
        checkId("programId", programId, errors);
        checkId("unitId", unitId, errors);
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "The webhook cannot be registered as sent", errors);
        }
        return types;
    }

    private static void checkId(String field, String value, List<FieldError> errors) {
        if (value != null && !ID.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be an id: letters, digits, _ and -, at most 64"));
        }
    }

    private static String known() {
        return String.join(", ", EventTypes.ALL.stream().map(EventType::name).toList());
    }
}
