package vn.phoihop.program.program.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.events.activity.Figures;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.program.Aggregation;
import vn.phoihop.program.program.Indicator;
import vn.phoihop.program.program.Program;
import vn.phoihop.program.program.ProgramCatalog;
import vn.phoihop.program.program.ProgramKind;
import vn.phoihop.program.program.ProgramStatus;
import vn.phoihop.program.program.Target;
import vn.phoihop.program.scope.UnitScope;
import vn.phoihop.program.scope.web.PlainText;

@RestController
@RequestMapping(path = "/api/v1/programs", produces = "application/json")
class ProgramController {

    private static final String CODE = "[\\p{L}\\p{N}._/-]{1,64}";
    private static final String INDICATOR_CODE = "[A-Za-z][A-Za-z0-9_-]{0,63}";
    private static final String INDICATOR_CODE_MESSAGE = "a letter, then letters, digits, _ or -";

    private final ProgramCatalog catalog;

    ProgramController(ProgramCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Program> create(@Valid @RequestBody CreateProgram r, UnitScope scope) {
        scope.require(r.scopeUnitId(), "scopeUnitId");
        Program program = catalog.create(new ProgramCatalog.NewProgram(r.code(), orEmpty(r.aliases()), r.title().strip(),
                r.kind(), orEmpty(r.issuers()), r.implementsId(), r.predecessorId(), r.startsOn(), r.endsOn(),
                r.scopeUnitId()));
        return ResponseEntity.created(URI.create("/api/v1/programs/" + program.id())).body(program);
    }

    @GetMapping
    Cursors.Page<Program> list(@RequestParam(required = false) ProgramStatus status,
            @RequestParam(required = false) @Size(min = 1, max = 100) String q,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor, UnitScope scope) {
        List<Program> page = catalog.list(status, q, limit + 1, cursor == null ? null : Cursors.decode(cursor, CODE),
                scope.programScopes());
        return Cursors.page(page, limit, Program::code);
    }

    @GetMapping("/{id}")
    Program get(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return catalog.find(id).orElseThrow(() -> ApiException.notFound("Program", id));
    }

    @PostMapping("/{id}/activate")
    Program activate(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return catalog.activate(id);
    }

    @PostMapping("/{id}/suspend")
    Program suspend(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return catalog.suspend(id);
    }

    @PostMapping("/{id}/conclude")
    Program conclude(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return catalog.conclude(id);
    }

    @PostMapping(path = "/{id}/targets", consumes = "application/json")
    ResponseEntity<Target> setTarget(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @Valid @RequestBody SetTarget r) {
        Target target = catalog.setTarget(id, new Target(r.indicatorCode(), r.unitId(), r.periodStart(), r.periodEnd(),
                Figures.canonical(r.value())));
        return ResponseEntity.status(201).body(target);
    }

    @PostMapping(path = "/{id}/enrollments", consumes = "application/json")
    ResponseEntity<Program> enrol(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @Valid @RequestBody Enrol r) {
        return ResponseEntity.status(201).body(catalog.enrol(id, r.unitId()));
    }

    @PostMapping(path = "/{id}/indicators", consumes = "application/json")
    ResponseEntity<Indicator> addIndicator(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @Valid @RequestBody AddIndicator r) {
        Indicator indicator = catalog.addIndicator(id, new Indicator(r.code(), r.name().strip(), r.unitOfMeasure(),
                r.aggregation(), r.numeratorCode(), r.denominatorCode()));
        return ResponseEntity.created(URI.create("/api/v1/programs/" + id + "/indicators/" + indicator.code()))
                .body(indicator);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    record CreateProgram(
            @NotBlank @Pattern(regexp = CODE, message = "letters, digits and . _ / - only, at most 64") String code,
            @Size(max = 20) List<@NotBlank @Size(max = 64) @PlainText @Legible String> aliases,
            @NotBlank @Size(max = 500) @PlainText @Legible String title,
            @NotNull ProgramKind kind,
            @Size(max = 10) List<@NotBlank @Size(max = 200) @PlainText @Legible String> issuers,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String implementsId,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String predecessorId,
            @NotNull @CalendarDate LocalDate startsOn,
            @NotNull @CalendarDate LocalDate endsOn,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String scopeUnitId) {
    }

    record SetTarget(
            @NotBlank @Pattern(regexp = INDICATOR_CODE, message = INDICATOR_CODE_MESSAGE) String indicatorCode,
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @NotNull @CalendarDate LocalDate periodStart,
            @NotNull @CalendarDate LocalDate periodEnd,
            @NotNull @DecimalMin(value = "0", message = TARGET_RULE) @DecimalMax(value = "1000000000000", message = TARGET_RULE)
            @Digits(integer = 13, fraction = Figures.DECIMALS, message = TARGET_RULE) BigDecimal value) {
    }

    /** A target covers many activities, so it may be larger than one's figure; as exact, so achievement compares exactly. */
    static final String TARGET_RULE = "must be a number from 0 to 1000000000000 with at most 3 decimals";

    record Enrol(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId) {
    }

    record AddIndicator(
            @NotBlank @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]{0,63}", message = "a letter, then letters, digits, _ or -")
            String code,
            @NotBlank @Size(max = 200) @PlainText @Legible String name,
            @Size(max = 50) @PlainText @Legible String unitOfMeasure,
            @NotNull Aggregation aggregation,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]{0,63}") String numeratorCode,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]{0,63}") String denominatorCode) {
    }
}
