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
import vn.phoihop.program.progress.ProgressBatch;
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

    /** The progress of each child unit of {@code unitId} (default: the caller's unit, else the program's scope unit). */
    @GetMapping(path = "/api/v1/programs/{id}/progress/children", produces = "application/json")
    ProgressBatch.Children children(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate to,
            UnitScope scope) {
        return report.children(id, scope.unitOr(unitId), from, to);
    }

    /** The progress of {@code unitId}'s subtree (as the single answer) over each month or year of the period. */
    @GetMapping(path = "/api/v1/programs/{id}/progress/series", produces = "application/json")
    ProgressBatch.Series series(@PathVariable @Pattern(regexp = Ids.PATTERN) String id,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String unitId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @CalendarDate LocalDate to,
            @RequestParam(defaultValue = "MONTH") @Pattern(regexp = "MONTH|YEAR", message = "must be MONTH or YEAR") String step,
            UnitScope scope) {
        return report.series(id, scope.unitOr(unitId), from, to, ProgressBatch.Step.valueOf(step));
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
