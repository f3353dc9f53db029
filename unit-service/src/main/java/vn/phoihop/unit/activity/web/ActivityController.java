package vn.phoihop.unit.activity.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.activity.Activity;
import vn.phoihop.unit.activity.ActivityLog;
import vn.phoihop.unit.activity.ActivityPage;
import vn.phoihop.unit.activity.ActivityQuery;
import vn.phoihop.unit.activity.ActivityStatus;
import vn.phoihop.unit.activity.ActivityType;
import vn.phoihop.unit.activity.Agency;
import vn.phoihop.unit.activity.Revision;
import vn.phoihop.unit.scope.Scope;

/** Logging activities and reading them: one, a filtered list, and an activity's revisions. */
@RestController
@RequestMapping(path = "/api/v1/activities", produces = "application/json")
class ActivityController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String KEY_MESSAGE = "letters, digits, _ and - only, at most 64";
    /** Set on the answer to a retry: the activity was logged by an earlier request with the same key or id. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final ActivityLog log;

    ActivityController(ActivityLog log) {
        this.log = log;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Activity> create(@Valid @RequestBody LogActivity request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Pattern(regexp = Ids.PATTERN, message = KEY_MESSAGE) String key,
            Caller caller, Scope scope) {
        var logged = log.log(request.toNewActivity(), Actors.of(caller, scope), key);
        var created = ResponseEntity.created(URI.create("/api/v1/activities/" + logged.activity().id()));
        if (logged.replayed()) {
            created.header(REPLAYED, "true");
        }
        return created.body(logged.activity());
    }

    @GetMapping("/{id}")
    Named get(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id, Scope scope) {
        Activity activity = log.find(id, scope).orElseThrow(() -> ApiException.notFound("Activity", id));
        return new Named(activity, log.unitNames(List.of(activity)));
    }

    /** The activity's fields and, beside them, its unit's and co-units' names by id. */
    record Named(@JsonUnwrapped Activity activity, Map<String, String> unitNames) {
    }

    @GetMapping("/{id}/revisions")
    RevisionList revisions(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            Scope scope) {
        return new RevisionList(log.revisions(id, scope), null);
    }

    @GetMapping
    ActivityList list(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String programId,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) ActivityType type,
            @RequestParam(required = false) @Size(max = 4) List<ActivityStatus> status,
            @RequestParam(required = false) Agency awaiting,
            @RequestParam(defaultValue = "false") boolean inbox,
            @RequestParam(defaultValue = "false") boolean corrected,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate to,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor,
            Caller caller, Scope scope) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.invalid(new FieldError("from", "must not be after to"));
        }
        Set<String> sidesWithin = null;
        if (inbox) {
            // what the caller may confirm: sides of its token's agency, for units in its scope
            if (awaiting != null) {
                throw ApiException.invalid(new FieldError("awaiting", "not with inbox, which means the caller's own agency"));
            }
            awaiting = Actors.of(caller, scope).agency();
            if (awaiting == null) {
                return new ActivityList(List.of(), null, Map.of());
            }
            sidesWithin = scope.unitIds();
        }
        ActivityPage page = log.list(new ActivityQuery(programId, unitId, type,
                status == null ? null : Set.copyOf(status), awaiting, sidesWithin, corrected, from, to, limit,
                cursor == null ? null : decode(cursor)), scope);
        return new ActivityList(page.items(), page.next() == null ? null : encode(page.next()),
                log.unitNames(page.items()));
    }

    record ActivityList(List<Activity> items, String nextCursor, Map<String, String> unitNames) {
    }

    record RevisionList(List<Revision> items, String nextCursor) {
    }

    private static String encode(ActivityQuery.PageKey key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key.occurredOn() + "~" + key.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static ActivityQuery.PageKey decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int at = text.indexOf('~');
            if (at > 0 && text.substring(at + 1).matches(Ids.PATTERN)) {
                return new ActivityQuery.PageKey(LocalDate.parse(text.substring(0, at)), text.substring(at + 1));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // not one of ours: same answer as any other cursor we did not issue
        }
        throw ApiException.invalid(new FieldError("cursor", "is not a cursor from a previous page"));
    }
}
