package vn.phoihop.program.progress.web;

import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.progress.Progress;
import vn.phoihop.program.progress.ProgressReport;

@RestController
class ProgressController {

    private final ProgressReport report;

    ProgressController(ProgressReport report) {
        this.report = report;
    }

    @GetMapping(path = "/api/v1/programs/{id}/progress", produces = "application/json")
    Progress progress(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return report.of(id, unitId, from, to);
    }
}
