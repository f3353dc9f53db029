package vn.phoihop.unit.importing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.unit.importing.MergeImport;
import vn.phoihop.unit.importing.MergeImportResult;
import vn.phoihop.unit.importing.UnitImport;
import vn.phoihop.unit.scope.Scope;

/** {@code POST /api/v1/units/merges/import}: an old→new code mapping applied as merges. */
@RestController
@RequestMapping(path = "/api/v1/units/merges", produces = "application/json")
class MergeImportController {

    private final MergeImport merges;
    private final UnitImport units;

    MergeImportController(MergeImport merges, UnitImport units) {
        this.merges = merges;
        this.units = units;
    }

    @PostMapping(path = "/import", consumes = "text/csv")
    @Operation(summary = "Apply a CSV mapping old_code,new_code,effective_date as merges; idempotent",
            description = "Lines naming one new code on one date are one merge of their old units into it; optional columns"
                    + " new_name,new_level,new_parent_code create the new unit when no active unit holds the new code."
                    + " Badly formed lines refuse the whole file (422); a refused merge is reported on its lines while"
                    + " the others are kept. See docs/import.md.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "text/csv", schema = @Schema(type = "string", example = "old_code,new_code,effective_date,"
                            + "new_name,new_level,new_parent_code\n31117,31117,2025-07-01,Phường Ninh Kiều,commune,92\n"
                            + "31120,31117,2025-07-01,,,\n"))))
    MergeImportResult importMerges(HttpServletRequest request, Scope scope) throws IOException {
        CsvUploads.check(request, scope, units.maxBytes());
        try (InputStream body = request.getInputStream()) {
            return merges.importMerges(body);
        }
    }
}
