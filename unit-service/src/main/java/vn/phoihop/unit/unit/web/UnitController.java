package vn.phoihop.unit.unit.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.text.Legible;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.ApiException.FieldError;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.scope.Scope;
import vn.phoihop.unit.unit.MergeResult;
import vn.phoihop.unit.unit.NewUnit;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitPage;
import vn.phoihop.unit.unit.UnitQuery;
import vn.phoihop.unit.unit.UnitRegistry;

@RestController
@RequestMapping(path = "/api/v1/units", produces = "application/json")
class UnitController {

    static final String CODE = "[A-Za-z0-9._/-]{1,32}";
    static final String CODE_MESSAGE = "letters, digits and . _ / - only, at most 32";
    private static final char SEPARATOR = '\u001f';

    private final UnitRegistry registry;

    UnitController(UnitRegistry registry) {
        this.registry = registry;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Unit> create(@Valid @RequestBody CreateUnit request, Scope scope) {
        Unit unit = registry.create(request.code(), request.name().strip(), request.kind(), request.parentId(),
                request.validFrom(), scope);
        return ResponseEntity.created(URI.create("/api/v1/units/" + unit.id())).body(unit);
    }

    @GetMapping("/{id}")
    Unit get(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate asOf,
            Scope scope) {
        return registry.find(id, asOf, scope).orElseThrow(() -> ApiException.notFound("Unit", id));
    }

    @GetMapping
    UnitList list(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String parentId,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String ancestorId,
            @RequestParam(required = false) UnitKind kind,
            @RequestParam(required = false) @Size(min = 1, max = 200) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate asOf,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(required = false) @Size(max = 400) String cursor,
            Scope scope) {
        if (q != null && q.isBlank()) {
            throw ApiException.invalid(new FieldError("q", "must not be blank"));
        }
        if (parentId != null && ancestorId != null) {
            throw ApiException.invalid(new FieldError("ancestorId", "give parentId or ancestorId, not both"));
        }
        UnitPage page = registry.list(new UnitQuery(parentId, ancestorId, kind, q,
                asOf != null ? asOf : registry.today(), limit, cursor == null ? null : decode(cursor)), scope);
        return new UnitList(page.items(), page.next() == null ? null : encode(page.next()));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    Unit rename(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @Valid @RequestBody RenameUnit request,
            Scope scope) {
        if (request.code() == null && request.name() == null) {
            throw ApiException.invalid(new FieldError("name", "give a name, a code or both"));
        }
        if (request.name() != null && request.name().isBlank()) {
            throw ApiException.invalid(new FieldError("name", "must not be blank"));
        }
        return registry.rename(id, request.code(), request.name() == null ? null : request.name().strip(), scope);
    }

    @PostMapping(path = "/{id}/move", consumes = "application/json")
    Unit move(@PathVariable @Pattern(regexp = Ids.PATTERN) String id, @Valid @RequestBody MoveUnit request,
            Scope scope) {
        return registry.move(id, request.newParentId(), request.effectiveDate(), scope);
    }

    @PostMapping(path = "/merge", consumes = "application/json")
    MergeResult merge(@Valid @RequestBody MergeUnits request, Scope scope) {
        MergeTarget t = request.target();
        boolean byId = t.id() != null;
        boolean isNew = t.code() != null || t.name() != null || t.kind() != null || t.parentId() != null;
        if (byId == isNew) {
            throw ApiException.invalid(new FieldError("target", "give either {id} or {code, name, kind, parentId?}"));
        }
        if (isNew && (t.code() == null || t.name() == null || t.name().isBlank() || t.kind() == null)) {
            throw ApiException.invalid(new FieldError("target", "a new unit needs code, name and kind"));
        }
        NewUnit newUnit = isNew ? new NewUnit(t.code(), t.name().strip(), t.kind(), t.parentId()) : null;
        return registry.merge(request.sourceIds(), t.id(), newUnit, request.effectiveDate(), scope);
    }

    private static String encode(UnitQuery.PageKey key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((key.code() + SEPARATOR + key.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static UnitQuery.PageKey decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int at = text.indexOf(SEPARATOR);
            if (at > 0 && text.substring(0, at).matches(CODE) && text.substring(at + 1).matches(Ids.PATTERN)) {
                return new UnitQuery.PageKey(text.substring(0, at), text.substring(at + 1));
            }
        } catch (IllegalArgumentException e) {
            // not base64: same answer as any other cursor we did not issue
        }
        throw ApiException.invalid(new FieldError("cursor", "is not a cursor from a previous page"));
    }

    record UnitList(List<Unit> items, String nextCursor) {
    }

    record CreateUnit(
            @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @NotBlank @Size(max = 200) @Legible String name,
            @NotNull UnitKind kind,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String parentId,
            @CalendarDate LocalDate validFrom) {
    }

    record RenameUnit(
            @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @Size(min = 1, max = 200) @Legible String name) {
    }

    record MoveUnit(
            @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String newParentId,
            @NotNull @CalendarDate LocalDate effectiveDate) {
    }

    record MergeUnits(
            @NotEmpty @Size(max = 100) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> sourceIds,
            @NotNull @Valid MergeTarget target,
            @NotNull @CalendarDate LocalDate effectiveDate) {
    }

    record MergeTarget(
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
            @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
            @Size(max = 200) @Legible String name,
            UnitKind kind,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String parentId) {
    }
}
