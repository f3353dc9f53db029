package vn.phoihop.unit.activity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.security.Caller;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.activity.Activity;
import vn.phoihop.unit.activity.ActivityCorrections;
import vn.phoihop.unit.activity.JointConfirmation;
import vn.phoihop.unit.scope.Scope;

/** What happens to an activity after it is logged: confirmation or rejection by a co-unit's agency, corrections. */
@RestController
@RequestMapping(path = "/api/v1/activities/{id}", produces = "application/json")
class ActivityChangeController {

    private final JointConfirmation confirmation;
    private final ActivityCorrections corrections;

    ActivityChangeController(JointConfirmation confirmation, ActivityCorrections corrections) {
        this.confirmation = confirmation;
        this.corrections = corrections;
    }

    /** The body is optional: none, {@code {}} or {@code {"expectedRevision": n}} (409 unless n is the current revision). */
    @PostMapping("/confirm")
    Activity confirm(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @RequestBody(required = false) @Valid Confirm request,
            @RequestHeader(name = ActivityController.IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = Ids.PATTERN, message = ActivityController.KEY_MESSAGE) String key,
            Caller caller, Scope scope) {
        return confirmation.confirm(id, Actors.of(caller, scope), request == null ? null : request.expectedRevision(), key);
    }

    @PostMapping(path = "/reject", consumes = "application/json")
    Activity reject(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @Valid @RequestBody Reject request,
            @RequestHeader(name = ActivityController.IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = Ids.PATTERN, message = ActivityController.KEY_MESSAGE) String key,
            Caller caller, Scope scope) {
        return confirmation.reject(id, request.reason().strip(), request.expectedRevision(), Actors.of(caller, scope), key);
    }

    @PostMapping(path = "/corrections", consumes = "application/json")
    ResponseEntity<Activity> correct(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @Valid @RequestBody Correct request,
            @RequestHeader(name = ActivityController.IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = Ids.PATTERN, message = ActivityController.KEY_MESSAGE) String key,
            Caller caller, Scope scope) {
        Activity corrected = corrections.correct(id, new ActivityCorrections.Correction(LogActivity.checkMetrics(request.metrics()),
                request.reason().strip(), request.expectedRevision()), Actors.of(caller, scope), key);
        return ResponseEntity.created(URI.create("/api/v1/activities/" + id + "/revisions")).body(corrected);
    }

    record Confirm(@Positive Integer expectedRevision) {
    }

    record Reject(@NotBlank @Size(max = 1000) @Legible(lines = true) String reason, @Positive Integer expectedRevision) {
    }

    /** {@code metrics} replaces every figure: an indicator left out is zero from this revision on. */
    record Correct(@NotNull @Size(max = 100) Map<String, BigDecimal> metrics, @NotBlank @Size(max = 1000) @Legible(lines = true) String reason,
            @Positive Integer expectedRevision) {
    }
}
