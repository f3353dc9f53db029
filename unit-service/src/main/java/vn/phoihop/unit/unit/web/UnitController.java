package vn.phoihop.unit.unit.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

@RestController
@RequestMapping(path = "/api/v1/units", produces = "application/json")
class UnitController {

    private final UnitRegistry registry;

    UnitController(UnitRegistry registry) {
        this.registry = registry;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Unit> create(@Valid @RequestBody CreateUnit request) {
        Unit unit = registry.create(request.code(), request.name().strip(), request.kind(), request.parentId(),
                request.validFrom());
        return ResponseEntity.created(URI.create("/api/v1/units/" + unit.id())).body(unit);
    }

    @GetMapping("/{id}")
    Unit get(@PathVariable @Pattern(regexp = Ids.PATTERN) String id) {
        return registry.find(id).orElseThrow(() -> ApiException.notFound("Unit", id));
    }

    record CreateUnit(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._/-]{1,32}", message = "letters, digits and . _ / - only, at most 32")
            String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull UnitKind kind,
            @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String parentId,
            LocalDate validFrom) {
    }
}
