package vn.phoihop.unit.activity.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.activity.Activity;
import vn.phoihop.unit.activity.ActivityLog;
import vn.phoihop.unit.activity.ActivityType;

@RestController
@RequestMapping(path = "/api/v1/activities", produces = "application/json")
class ActivityController {

    // an indicator code; no '$' or '.', which MongoDB would read as an operator or a path
    private static final java.util.regex.Pattern METRIC_KEY = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private final ActivityLog log;

    ActivityController(ActivityLog log) {
        this.log = log;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Activity> create(@Valid @RequestBody LogActivity request, @AuthenticationPrincipal Jwt principal) {
        checkMetrics(request.metrics());
        var activity = log.log(new ActivityLog.NewActivity(request.programId(), request.unitId(),
                request.coUnitIds() == null ? List.of() : request.coUnitIds(), request.type(), request.occurredOn(),
                request.title().strip(), request.description(), request.metrics()), principal.getSubject());
        return ResponseEntity.created(URI.create("/api/v1/activities/" + activity.id())).body(activity);
    }

    @GetMapping("/{id}")
    Activity get(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return log.find(id).orElseThrow(() -> ApiException.notFound("Activity", id));
    }

    private static void checkMetrics(Map<String, Double> metrics) {
        var errors = new ArrayList<FieldError>();
        metrics.forEach((code, value) -> {
            if (!METRIC_KEY.matcher(code).matches()) {
                errors.add(new FieldError("metrics", "'" + code.replaceAll("[^A-Za-z0-9_.$-]", "?") + "' is not an indicator code"));
            } else if (value == null || !Double.isFinite(value) || value < 0) {
                errors.add(new FieldError("metrics." + code, "must be a finite number, zero or more"));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
    }

    record LogActivity(
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String programId,
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @Size(max = 20) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> coUnitIds,
            @NotNull ActivityType type,
            @NotNull LocalDate occurredOn,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 5000) String description,
            @NotNull @Size(max = 100) Map<String, Double> metrics) {
    }
}
