package vn.phoihop.program.export.web;

import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.export.CsvExport;
import vn.phoihop.program.export.ProgressExports;
import vn.phoihop.program.export.ProgressTable;
import vn.phoihop.program.export.XlsxExport;
import vn.phoihop.program.scope.UnitScope;

/** {@code GET …/progress} with {@code Accept: text/csv}, and {@code GET …/progress.xlsx}: the same figures as files. */
@RestController
class ProgressExportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ProgressExports exports;

    ProgressExportController(ProgressExports exports) {
        this.exports = exports;
    }

    @GetMapping(path = "/api/v1/programs/{id}/progress", produces = "text/csv")
    ResponseEntity<byte[]> csv(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate to, UnitScope scope) {
        ProgressTable table = exports.table(id, scope.unitOr(unitId), from, to);
        return file(CsvExport.of(table), MediaType.parseMediaType("text/csv; charset=UTF-8"), "tien-do.csv");
    }

    @GetMapping(path = "/api/v1/programs/{id}/progress.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate to, UnitScope scope)
            throws Exception {
        ProgressTable table = exports.table(id, scope.unitOr(unitId), from, to);
        try (var workbook = new XlsxExport()) {
            return file(workbook.progress("Tiến độ", table).bytes(), XLSX, "tien-do.xlsx");
        }
    }

    static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }
}
