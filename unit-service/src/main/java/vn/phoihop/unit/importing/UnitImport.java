package vn.phoihop.unit.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.NewUnit;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Imports administrative units from CSV ({@code code,name,level,parent_code}, the format of the national
 * lists) in two passes over the body, which is spooled to a temporary file and never held in memory:
 * {@link UnitFileCheck} refuses a file of bad shape before anything is written; then rows are stored in
 * batches of {@value #BATCH}, one bulk write each. A row whose content is refused (level, name, a different
 * unit holding its code) is reported with its line and reason while the good rows are kept. Idempotent by
 * code: a row whose code an active unit already holds with the same name, kind and parent is
 * {@code unchanged}. See docs/import.md.
 */
@Service
public class UnitImport {

    static final int BATCH = 500;
    static final int PROGRESS_EVERY = 2000;

    private static final Logger log = LoggerFactory.getLogger(UnitImport.class);

    private final UnitRegistry registry;
    private final long maxBytes;

    public UnitImport(UnitRegistry registry, @Value("${phoihop.import.max-bytes:8388608}") long maxBytes) {
        this.registry = registry;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Imports every good row of {@code body}; rows without a parent code go under {@code parentId} (none: they
     * become roots). Refuses the whole request, with nothing imported: 422 for an unknown or ended
     * {@code parentId} or a file with badly formed lines, 400 for an empty body or a header without the four
     * columns, 413 past {@link #maxBytes()}.
     */
    public ImportResult importUnits(InputStream body, String parentId, LocalDate validFrom) {
        registry.requireOpen(parentId, "parentId");
        long started = System.nanoTime();
        try (SpooledBody file = SpooledBody.of(body, maxBytes)) {
            UnitFileCheck.Checked checked;
            try (InputStream in = file.open()) {
                checked = new UnitFileCheck(registry::findActiveByCodes).check(in);
            }
            log.info("Unit import: {} rows checked in {} ms, storing them", checked.rows(), millisSince(started));
            var run = new Run(parentId, validFrom, checked);
            try (InputStream in = file.open()) {
                var lines = new CsvLines(in);
                CsvHeader header = CsvHeader.of(lines.next(), UnitRow.COLUMNS);
                var unused = new LineErrors(); // the check has refused every badly formed line already
                for (CsvLines.Line line = lines.next(); line != null; line = lines.next()) {
                    run.add(Objects.requireNonNull(UnitRow.read(line, header, unused)));
                }
            }
            ImportResult result = run.finish();
            log.info("Unit import done in {} ms: {} created, {} unchanged, {} errors", millisSince(started),
                    result.created(), result.unchanged(), result.errorCount());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the spooled copy, not the request: a server fault
        }
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** The second pass: rows stored batch by batch. */
    private final class Run {
        private final String rootParentId;
        private final LocalDate validFrom;
        private final Map<String, Integer> lineOf;
        /** code → unit id, for rows stored or found unchanged, and active units named as parents. */
        private final Map<String, String> ids;
        private final List<UnitRow> batch = new ArrayList<>(BATCH);
        private final LineErrors errors = new LineErrors();
        private final int rows;
        private int done;
        private int created;
        private int unchanged;

        Run(String rootParentId, LocalDate validFrom, UnitFileCheck.Checked checked) {
            this.rootParentId = rootParentId;
            this.validFrom = validFrom;
            this.lineOf = checked.lineOf();
            this.ids = new HashMap<>(checked.outsideParents());
            this.rows = checked.rows();
        }

        void add(UnitRow row) {
            batch.add(row);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        ImportResult finish() {
            flush();
            return new ImportResult(created, unchanged, errors.count(), errors.listed());
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Map<String, Unit> held = registry.findActiveByCodes(batch.stream().map(UnitRow::code).toList());
            var drafts = new ArrayList<UnitRegistry.Draft>();
            var draftLines = new ArrayList<Integer>();
            for (UnitRow row : batch) {
                UnitRegistry.Draft draft = plan(row, held.get(row.code()));
                if (draft != null) {
                    drafts.add(draft);
                    draftLines.add(row.line());
                }
            }
            store(drafts, draftLines);
            done += batch.size();
            batch.clear();
            if (done % PROGRESS_EVERY < BATCH || done == rows) {
                log.info("Unit import: {} of {} rows stored ({} created, {} unchanged, {} errors)", done, rows, created,
                        unchanged, errors.count());
            }
        }

        /** The unit to create for {@code row}, or null when it is unchanged or refused. */
        private UnitRegistry.Draft plan(UnitRow row, Unit holder) {
            String problem = row.contentProblem();
            if (problem != null) {
                errors.add(row.line(), problem);
                return null;
            }
            String parentId = row.isTop() ? rootParentId : ids.get(row.parentCode());
            if (!row.isTop() && parentId == null) {
                errors.add(row.line(), "parent code " + row.parentCode() + " (line " + lineOf.get(row.parentCode())
                        + ") was not imported");
                return null;
            }
            if (holder != null) {
                ids.put(row.code(), holder.id()); // its children still find their parent
                String differences = differences(holder, row, parentId);
                if (differences.isEmpty()) {
                    unchanged++;
                } else {
                    errors.add(row.line(), "code " + row.code() + " is already held by active unit " + holder.id()
                            + " with a different " + differences + "; an import neither renames nor moves units");
                }
                return null;
            }
            var draft = new UnitRegistry.Draft(UnitRegistry.newId(), new NewUnit(row.code(), row.name(), row.kind(), parentId));
            ids.put(row.code(), draft.id());
            return draft;
        }

        /** One bulk write; if it is refused, row by row so that each refusal lands on its own line. */
        private void store(List<UnitRegistry.Draft> drafts, List<Integer> lines) {
            if (drafts.isEmpty()) {
                return;
            }
            try {
                created += registry.createAll(drafts, validFrom).size();
                return;
            } catch (ApiException refused) {
                log.info("Unit import: a batch was refused ({}); storing its rows one by one", refused.getMessage());
            }
            for (int i = 0; i < drafts.size(); i++) {
                UnitRegistry.Draft draft = drafts.get(i);
                if (registry.find(draft.id()).isPresent()) {
                    created++; // stored by the bulk write before it stopped
                    continue;
                }
                try {
                    registry.createAll(List.of(draft), validFrom);
                    created++;
                } catch (ApiException e) {
                    ids.values().remove(draft.id());
                    errors.add(lines.get(i), e.getMessage());
                }
            }
        }

        private static String differences(Unit unit, UnitRow row, String parentId) {
            List<String> what = new ArrayList<>();
            if (!unit.name().equals(row.name())) {
                what.add("name");
            }
            if (unit.kind() != row.kind()) {
                what.add("kind (" + unit.kind() + ")");
            }
            if (!Objects.equals(unit.parentId(), parentId)) {
                what.add("parent (" + (unit.parentId() == null ? "none" : unit.parentId()) + ")");
            }
            return String.join(" and ", what);
        }
    }
}
