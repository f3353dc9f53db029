package vn.phoihop.platform.audit.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.audit.AuditEntry;
import vn.phoihop.platform.audit.AuditOutcome;
import vn.phoihop.platform.audit.AuditQuery;
import vn.phoihop.platform.audit.AuditTrail;
import vn.phoihop.platform.audit.AuditTrail.StoredEntry;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * {@code GET /api/v1/audit}: the service's audit log for national admins (the rule is in
 * {@code ResourceServerSecurity}), newest first, paged like every list. Only GET is mapped, so nothing can edit
 * it through the API (other methods are 405); reading it is itself recorded by {@link AuditFilter}.
 */
@RestController
@RequestMapping(path = AuditFilter.AUDIT_PATH, produces = "application/json")
public class AuditController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** {@code service} picks the service at the gateway, which removes it; it is accepted and ignored here. */
    private static final Set<String> PARAMETERS = Set.of("actor", "action", "resourceType", "resourceId", "unitId",
            "requestId", "outcome", "from", "to", "limit", "cursor", "service");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@~-]{1,200}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9 ./{}()_:*-]{1,200}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern CURSOR = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z~[0-9a-f-]{36}");

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** A page of entries and the cursor of the next page, {@code null} on the last. */
    public record Page(List<Item> items, String nextCursor) {
    }

    public record Item(String id, Instant at, String actor, String action, String resourceType,
            List<String> resourceIds, String unitId, String from, String requestId, AuditOutcome outcome,
            String purpose) {

        static Item of(StoredEntry stored) {
            AuditEntry e = stored.entry();
            return new Item(stored.id(), e.at(), e.actor(), e.action(), e.resourceType(), e.resourceIds(), e.unitId(),
                    e.from(), e.requestId(), e.outcome(), e.purpose());
        }
    }

    @GetMapping
    public Page list(@RequestParam MultiValueMap<String, String> parameters) {
        AuditQuery query = new Filters(parameters).query();
        int limit = query.limit() - 1; // the query asks for one more, to know whether a next page exists
        List<StoredEntry> found = trail.find(query);
        List<StoredEntry> page = found.subList(0, Math.min(found.size(), limit));
        String next = found.size() > limit ? cursorOf(page.get(page.size() - 1).id()) : null;
        return new Page(page.stream().map(Item::of).toList(), next);
    }

    private static String cursorOf(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** The query parameters checked all at once, so a problem names every bad one; no value is echoed. */
    private static final class Filters {

        private final Map<String, String> values;
        private final List<FieldError> errors = new ArrayList<>();

        Filters(MultiValueMap<String, String> parameters) {
            this.values = parameters.toSingleValueMap();
            parameters.forEach((name, given) -> {
                if (!PARAMETERS.contains(name)) {
                    errors.add(new FieldError(name.matches("[A-Za-z]{1,40}") ? name : "(parameter)", "is not a filter of the audit log"));
                } else if (given.size() > 1) {
                    errors.add(new FieldError(name, "may be given once"));
                }
            });
        }

        AuditQuery query() {
            String actor = text("actor", TOKEN, "must be a token subject");
            String action = text("action", ACTION, "must be an action as the audit log names them");
            String type = text("resourceType", TYPE, "must be a resource type such as units");
            String resourceId = text("resourceId", TOKEN, "must be an id");
            String unitId = text("unitId", TOKEN, "must be an id");
            String requestId = text("requestId", TOKEN, "must be a request id");
            AuditOutcome outcome = outcome();
            Instant since = instant("from");
            Instant until = instant("to");
            if (since != null && until != null && !since.isBefore(until)) {
                errors.add(new FieldError("to", "must be after from"));
            }
            int limit = limit();
            String before = before();
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors.toArray(FieldError[]::new));
            }
            return new AuditQuery(actor, action, type, resourceId, unitId, requestId, outcome, since, until, before, limit + 1);
        }

        private String text(String name, Pattern shape, String message) {
            String value = values.get(name);
            if (value != null && !shape.matcher(value).matches()) {
                errors.add(new FieldError(name, message));
                return null;
            }
            return value;
        }

        private AuditOutcome outcome() {
            String value = values.get("outcome");
            for (AuditOutcome outcome : AuditOutcome.values()) {
                if (outcome.name().equals(value)) {
                    return outcome;
                }
            }
            if (value != null) {
                errors.add(new FieldError("outcome", "must be SUCCESS, DENIED or FAILED"));
            }
            return null;
        }

        private Instant instant(String name) {
            String value = values.get(name);
            try {
                return value == null ? null : Instant.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(name, "must be an instant such as 2026-08-19T02:30:00Z"));
                return null;
            }
        }

        private int limit() {
            String value = values.get("limit");
            try {
                int limit = value == null ? DEFAULT_LIMIT : Integer.parseInt(value);
                if (limit >= 1 && limit <= MAX_LIMIT) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            errors.add(new FieldError("limit", "must be from 1 to " + MAX_LIMIT));
            return DEFAULT_LIMIT;
        }

        private String before() {
            String value = values.get("cursor");
            if (value == null) {
                return null;
            }
            try {
                String id = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                if (CURSOR.matcher(id).matches()) {
                    return id;
                }
            } catch (IllegalArgumentException notBase64) {
                // answered below like any other cursor we did not make
            }
            errors.add(new FieldError("cursor", "is not a cursor this list returned"));
            return null;
        }
    }
}
