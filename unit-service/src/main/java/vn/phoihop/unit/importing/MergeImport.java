package vn.phoihop.unit.importing;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.NewUnit;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Applies a mapping of old codes to new codes ({@code old_code,new_code,effective_date}) as merges, so that a
 * province moves its history across a reform in one request: the lines naming one new code on one date are one
 * merge of their old units into it. The whole file is checked before anything is written (a bad shape refuses
 * it, as for {@link UnitImport}); then merges are applied in the order of their first line, each on its own: a
 * refused merge is reported on its lines while the others are kept. Repeating the import changes nothing, as
 * repeating a merge does not. See docs/import.md.
 */
@Service
public class MergeImport {

    static final int PROGRESS_EVERY = 500;
    private static final Logger log = LoggerFactory.getLogger(MergeImport.class);

    private final UnitRegistry registry;
    private final UnitImport units;

    public MergeImport(UnitRegistry registry, UnitImport units) {
        this.registry = registry;
        this.units = units;
    }

    /** The lines of one merge: one new code on one date. */
    private record Group(String newCode, LocalDate effectiveDate) {
    }

    public MergeImportResult importMerges(InputStream body) {
        Map<Group, List<MergeRow>> groups = check(body);
        var run = new Run();
        int done = 0;
        for (var group : groups.entrySet()) {
            run.apply(group.getKey(), group.getValue());
            if (++done % PROGRESS_EVERY == 0 || done == groups.size()) {
                log.info("Merge import: {} of {} merges applied ({} lines merged, {} unchanged, {} errors)", done,
                        groups.size(), run.merged, run.unchanged, run.errors.count());
            }
        }
        return new MergeImportResult(run.merged, run.created, run.unchanged, run.errors.count(), run.errors.listed());
    }

    /** Reads the whole body; any badly formed line refuses it with nothing changed. */
    private Map<Group, List<MergeRow>> check(InputStream body) {
        var groups = new LinkedHashMap<Group, List<MergeRow>>();
        var shape = new LineErrors();
        var mergedOn = new HashMap<String, Integer>(); // old code and date → line
        try {
            var lines = new CsvLines(new LimitedInputStream(body, units.maxBytes()));
            CsvHeader header = CsvHeader.of(lines.next(), MergeRow.COLUMNS);
            for (CsvLines.Line line = lines.next(); line != null; line = lines.next()) {
                MergeRow row = MergeRow.read(line, header, shape);
                if (row == null) {
                    continue;
                }
                Integer earlier = mergedOn.putIfAbsent(row.oldCode() + "|" + row.effectiveDate(), row.line());
                List<MergeRow> group = groups.computeIfAbsent(new Group(row.newCode(), row.effectiveDate()), g -> new ArrayList<>());
                if (earlier != null) {
                    shape.add(row.line(), "old code " + row.oldCode() + " is already merged on " + row.effectiveDate()
                            + " by line " + earlier);
                } else if (!group.isEmpty() && !row.agreesWith(describing(group))) {
                    shape.add(row.line(), "new code " + row.newCode() + " is described otherwise on line "
                            + describing(group).line());
                } else {
                    group.add(row);
                }
            }
        } catch (LimitedInputStream.TooLarge e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Body too large", "The file is larger than "
                    + units.maxBytes() + " bytes; nothing was merged. Split it by province", List.of());
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Unreadable body",
                    "The body could not be read to its end; nothing was merged", List.of());
        }
        if (!shape.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "File refused", shape.count()
                    + " lines are unreadable or badly formed; nothing was merged. Mend the lines listed in errors"
                    + " and import the file again", List.of())
                    .with("errorCount", shape.count()).with("errors", shape.listed());
        }
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static MergeRow describing(List<MergeRow> group) {
        return group.stream().filter(MergeRow::describesNewUnit).findFirst().orElse(group.get(0));
    }

    /** The merges, one by one. */
    private final class Run {
        private final LineErrors errors = new LineErrors();
        private int merged;
        private int created;
        private int unchanged;

        void apply(Group group, List<MergeRow> rows) {
            LocalDate day = group.effectiveDate();
            var open = new ArrayList<String>();
            var ended = new ArrayList<String>();
            for (MergeRow row : rows) {
                Unit holder = registry.findActiveByCode(row.oldCode()).orElse(null);
                if (holder != null && holder.validFrom().isBefore(day)) {
                    open.add(holder.id());
                    continue;
                }
                List<Unit> before = registry.endedOn(row.oldCode(), day); // merged by an earlier import
                if (before.size() != 1) {
                    refuse(rows, holder != null ? "old code " + row.oldCode() + " is held by a unit that starts on "
                            + holder.validFrom() + "; a merge must take effect after that"
                            : "no unit valid on " + day.minusDays(1) + " holds old code " + row.oldCode());
                    return;
                }
                ended.add(before.get(0).id());
            }
            if (open.isEmpty()) {
                unchanged += rows.size(); // every old unit has ended: merged by an earlier import
                return;
            }
            String targetId = registry.findActiveByCode(group.newCode()).map(Unit::id).filter(id -> !open.contains(id))
                    .orElse(null);
            NewUnit newTarget = targetId == null ? newUnit(group, rows) : null;
            if (targetId == null && newTarget == null) {
                return;
            }
            var sources = new ArrayList<>(open);
            sources.addAll(ended);
            try {
                registry.merge(sources, targetId, newTarget, day);
                merged += open.size();
                unchanged += ended.size();
                created += newTarget != null ? 1 : 0;
            } catch (ApiException e) {
                refuse(rows, "the merge into " + group.newCode() + " was refused: " + e.getMessage());
            }
        }

        /** The unit to create for a new code no unit holds, from the lines that describe it; null if none do. */
        private NewUnit newUnit(Group group, List<MergeRow> rows) {
            MergeRow spec = describing(rows);
            if (!spec.describesNewUnit()) {
                refuse(rows, "no unit active today holds new code " + group.newCode()
                        + "; give new_name, new_level and new_parent_code to create it");
                return null;
            }
            String parentId = null;
            if (!spec.newParentCode().isEmpty()) {
                parentId = registry.findActiveByCode(spec.newParentCode()).map(Unit::id).orElse(null);
                if (parentId == null) {
                    refuse(rows, "no unit active today holds new parent code " + spec.newParentCode());
                    return null;
                }
            }
            return new NewUnit(group.newCode(), spec.newName(), spec.kind(), parentId);
        }

        private void refuse(List<MergeRow> rows, String message) {
            rows.forEach(row -> errors.add(row.line(), message));
        }
    }
}
