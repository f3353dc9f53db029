package vn.phoihop.unit.activity.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.phoihop.events.activity.Figures;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.activity.ActivityType;
import vn.phoihop.unit.activity.NewActivity;

/** The body of a single log request and of each batch item. {@code id} is the client's own id, optional. */
record LogActivity(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String programId,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
        @Size(max = 20) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> coUnitIds,
        @NotNull ActivityType type,
        @NotNull @CalendarDate LocalDate occurredOn,
        @NotBlank @Size(max = 300) @Legible String title,
        @Size(max = 5000) @Legible(lines = true) String description,
        @NotNull @Size(max = 100) Map<String, BigDecimal> metrics) {

    // an indicator code; no '$' or '.', which MongoDB would read as an operator or a path
    private static final java.util.regex.Pattern METRIC_KEY = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    NewActivity toNewActivity() {
        return new NewActivity(id, programId, unitId, coUnitIds == null ? List.of() : coUnitIds, type, occurredOn,
                title.strip(), description, checkMetrics(metrics));
    }

    /**
     * Metric keys are indicator codes, values figures progress can add up exactly ({@link Figures}): read as exact
     * decimals, 0 to 1,000,000,000 with at most 3 decimals. Answers them in their canonical form.
     */
    static Map<String, BigDecimal> checkMetrics(Map<String, BigDecimal> metrics) {
        var errors = new ArrayList<FieldError>();
        var checked = new LinkedHashMap<String, BigDecimal>();
        metrics.forEach((code, value) -> {
            if (!METRIC_KEY.matcher(code).matches()) {
                errors.add(new FieldError("metrics", "'" + code.replaceAll("[^A-Za-z0-9_.$-]", "?") + "' is not an indicator code"));
            } else if (!Figures.allowed(value)) {
                errors.add(new FieldError("metrics." + code, Figures.RULE));
            } else {
                checked.put(code, Figures.canonical(value));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.toArray(FieldError[]::new));
        }
        return checked;
    }
}
