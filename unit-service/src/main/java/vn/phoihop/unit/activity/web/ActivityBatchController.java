package vn.phoihop.unit.activity.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.platform.web.ProblemAdvice;
import vn.phoihop.unit.activity.ActivityLog;
import vn.phoihop.unit.activity.Actor;
import vn.phoihop.unit.activity.Idempotency;
import vn.phoihop.unit.scope.Scope;

/**
 * Many activities in one request, as an offline device sends what it collected. Each item goes through the same
 * path as a single {@code POST} and succeeds or fails on its own. The items are bound one by one, so a wrong type
 * in one fails that item only. Item {@code i} uses the key {@code <Idempotency-Key>#i} (or its own {@code id}), so
 * a retried batch creates nothing twice; its items answer 200 instead of 201.
 */
@RestController
@RequestMapping(path = "/api/v1/activities", produces = "application/json")
class ActivityBatchController {

    static final int MAX_ITEMS = 500;

    private final ActivityLog log;
    private final JsonMapper json;
    private final Validator validator;

    ActivityBatchController(ActivityLog log, JsonMapper json, Validator validator) {
        this.log = log;
        this.json = json;
        this.validator = validator;
    }

    @PostMapping(path = "/batch", consumes = "application/json")
    BatchResult batch(@RequestBody List<JsonNode> items,
            @RequestHeader(name = ActivityController.IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = Ids.PATTERN, message = ActivityController.KEY_MESSAGE) String key,
            Caller caller, Scope scope) {
        if (items.size() > MAX_ITEMS) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Batch too large", "A batch holds at most "
                    + MAX_ITEMS + " activities; this one has " + items.size() + "; nothing was stored", List.of());
        }
        if (items.isEmpty()) {
            throw ApiException.invalid(new FieldError("items", "a batch holds 1 to " + MAX_ITEMS + " activities"));
        }
        Actor actor = Actors.of(caller, scope);
        var results = new ArrayList<ItemResult>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(item(i, items.get(i), actor, key == null ? null : Idempotency.itemKey(key, i)));
        }
        return new BatchResult(results);
    }

    private ItemResult item(int index, JsonNode node, Actor actor, String key) {
        try {
            var logged = log.log(bind(node).toNewActivity(), actor, key);
            // 200 tells a client counting its rows "already stored by an earlier request" from "created now"
            return new ItemResult(index, (logged.replayed() ? HttpStatus.OK : HttpStatus.CREATED).value(),
                    logged.activity().id(), null);
        } catch (ApiException e) {
            return new ItemResult(index, e.status().value(), null, ProblemAdvice.detailOf(e));
        }
    }

    /** The item as a {@link LogActivity}, checked like a single request's body. */
    private LogActivity bind(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(new FieldError("item", "must be an activity object"));
        }
        LogActivity request;
        try {
            request = json.treeToValue(node, LogActivity.class);
        } catch (JacksonException e) {
            throw ProblemAdvice.malformed(e);
        }
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations.stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(java.util.Comparator.comparing(FieldError::field)).toArray(FieldError[]::new));
        }
        return request;
    }

    record BatchResult(List<ItemResult> results) {
    }

    /** One item's outcome: its status (201 created, 200 already logged, or a 4xx), and the activity's id or the problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResult(int index, int status, String id, ProblemDetail problem) {
    }
}
