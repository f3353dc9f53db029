package vn.phoihop.unit.importing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.unit.importing.ImportResult;
import vn.phoihop.unit.importing.UnitImport;
import vn.phoihop.unit.scope.Scope;

/** {@code POST /api/v1/units/import}: a CSV of units, streamed from the request body. */
@RestController
@RequestMapping(path = "/api/v1/units", produces = "application/json")
class UnitImportController {

    private final UnitImport importer;
    private final Clock clock;
    private final ZoneId zone;

    UnitImportController(UnitImport importer, Clock clock, ZoneId businessZone) {
        this.importer = importer;
        this.clock = clock;
        this.zone = businessZone;
    }

    @PostMapping(path = "/import", consumes = "text/csv")
    @Operation(summary = "Import units from CSV (code,name,level,parent_code); idempotent by code",
            description = "The whole file is checked first: badly formed lines refuse it (422, nothing imported); then each line whose"
                    + " content is refused is reported with its number and reason while good lines are kept."
                    + " Rows without a parent code go under parentId. See docs/import.md.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "text/csv", schema = @Schema(type = "string",
                            example = "code,name,level,parent_code\n92,Thành phố Cần Thơ,province,\n"))))
    ImportResult importUnits(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String parentId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate validFrom,
            HttpServletRequest request, Scope scope) throws IOException {
        CsvUploads.check(request, scope, importer.maxBytes());
        LocalDate from = validFrom != null ? validFrom : LocalDate.now(clock.withZone(zone));
        try (InputStream body = request.getInputStream()) {
            return importer.importUnits(body, parentId, from);
        }
    }
}
