package vn.phoihop.program.progress.web;

import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.phoihop.platform.web.CalendarDate;
import vn.phoihop.platform.web.Ids;
import vn.phoihop.program.progress.Progress;
import vn.phoihop.program.progress.ProgressRebuild;
import vn.phoihop.program.progress.ProgressReport;
import vn.phoihop.program.progress.RebuildStatus;
import vn.phoihop.program.scope.UnitScope;

@RestController
class ProgressController {

    static final String REBUILD = "/api/v1/programs/progress/rebuild";

    private final ProgressReport report;
    private final ProgressRebuild rebuild;

    ProgressController(ProgressReport report, ProgressRebuild rebuild) {
        this.report = report;
        this.rebuild = rebuild;
    }

    @GetMapping(path = "/api/v1/programs/{id}/progress", produces = "application/json")
    Progress progress(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate to,
            UnitScope scope) {
        return report.of(id, scope.unitOr(unitId), from, to);
    }

    /** Replays the activities topic into a fresh read model and swaps it in when it has caught up; 202, then poll (admins only). */
    @PostMapping(path = REBUILD, produces = "application/json")
    public ResponseEntity<RebuildStatus> rebuild() {
        return ResponseEntity.accepted().location(URI.create(REBUILD)).body(rebuild.begin());
    }

    @GetMapping(path = REBUILD, produces = "application/json")
    public RebuildStatus rebuildStatus() {
        return rebuild.status();
    }
}
