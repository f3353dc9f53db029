package vn.phoihop.program.progress.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import vn.phoihop.program.progress.ProgressDeadLetters;
import vn.phoihop.program.progress.ProgressRebuild;
import vn.phoihop.program.progress.ProgressReport;
import vn.phoihop.program.progress.RebuildStatus;
import vn.phoihop.program.scope.UnitScope;

@RestController
class ProgressController {

    static final String REBUILD = "/api/v1/programs/progress/rebuild";
    static final String DEAD_LETTERS = "/api/v1/programs/progress/dead-letters";

    private final ProgressReport report;
    private final ProgressRebuild rebuild;
    private final ProgressDeadLetters deadLetters;

    ProgressController(ProgressReport report, ProgressRebuild rebuild, ProgressDeadLetters deadLetters) {
        this.report = report;
        this.rebuild = rebuild;
        this.deadLetters = deadLetters;
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

    /** Activity events the projection set aside and has not replayed: how many, the first {@code limit} (admins only). */
    @GetMapping(path = DEAD_LETTERS, produces = "application/json")
    public ProgressDeadLetters.Pending deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return deadLetters.pending(limit);
    }

    /** Publishes them again for the projection, once their cause is fixed; idempotent (admins only). */
    @PostMapping(path = DEAD_LETTERS + "/replay", produces = "application/json")
    public ProgressDeadLetters.Replay replayDeadLetters() {
        return deadLetters.replay();
    }
}
