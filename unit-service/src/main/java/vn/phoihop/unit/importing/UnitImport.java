package vn.phoihop.unit.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.unit.unit.Unit;
import vn.phoihop.unit.unit.UnitKind;
import vn.phoihop.unit.unit.UnitRegistry;

/**
 * Imports administrative units from CSV ({@code code,name,level,parent_code}, the format of the
 * national lists), streaming: each line is read, checked and stored before the next is read, so the
 * body is never held whole. Good lines are kept whatever happens to bad ones; each bad line is
 * reported with its number and reason. Idempotent by code: a row whose code an active unit already
 * holds (same name, kind and parent) is {@code unchanged}, so importing a file twice creates nothing.
 *
 * <p>A row whose parent appears later in the file waits (in memory) until that parent is imported;
 * one whose parent never appears, neither in the file nor among active units, is reported at the end.
 * See docs/import.md.
 */
@Service
public class UnitImport {

    static final int MAX_LISTED_ERRORS = 1000;
    static final int PROGRESS_EVERY = 1000;
    static final List<String> COLUMNS = List.of("code", "name", "level", "parent_code");
    // the rules of POST /api/v1/units
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._/-]{1,32}");
    private static final int MAX_NAME = 200;
    private static final Map<String, UnitKind> LEVELS = Map.of(
            "province", UnitKind.PROVINCE, "district", UnitKind.DISTRICT, "commune", UnitKind.COMMUNE);

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
     * Imports every good row of {@code body}; rows without a parent code go under {@code parentId}
     * (none: they become roots). Throws a 422 problem for an unknown {@code parentId}, 400 for an empty
     * body or a header without the four columns (nothing imported), 413 past {@link #maxBytes()}.
     */
    public ImportResult importUnits(InputStream body, String parentId, LocalDate validFrom) {
        if (parentId != null) {
            Unit parent = registry.find(parentId).orElseThrow(() -> ApiException.rejected(
                    "Parent unit " + parentId + " does not exist", new ApiException.FieldError("parentId", "unknown unit")));
            if (parent.validTo() != null) {
                throw ApiException.rejected("Parent unit " + parentId + " ended on " + parent.validTo(),
                        new ApiException.FieldError("parentId", "no longer valid"));
            }
        }
        var limited = new LimitedInputStream(body, maxBytes);
        var run = new Run(parentId, validFrom);
        long started = System.nanoTime();
        try {
            var lines = new CsvLines(limited);
            run.header(lines.next());
            for (CsvLines.Line line = lines.next(); line != null; line = lines.next()) {
                run.row(line);
                if (line.number() % PROGRESS_EVERY == 0) {
                    log.info("Unit import: {} lines read, {} created, {} unchanged, {} errors", line.number(),
                            run.created, run.unchanged, run.errorCount);
                }
            }
        } catch (TooLarge e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Body too large",
                    "The file is larger than " + maxBytes + " bytes. Lines before the limit were imported (" + run.created
                            + " created, " + run.unchanged + " unchanged); split the file and import each part:"
                            + " importing a part again creates nothing twice",
                    List.of());
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Unreadable body",
                    "The body could not be read to its end after " + limited.count + " bytes (" + run.created
                            + " units created); importing the file again creates nothing twice",
                    List.of());
        }
        ImportResult result = run.finish();
        log.info("Unit import done in {} ms: {} created, {} unchanged, {} errors",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), result.created(), result.unchanged(),
                result.errorCount());
        return result;
    }

    /** A row waiting for its parent, which appears later in the file. */
    private record Pending(int line, String code, String name, UnitKind kind, String parentCode) {
    }

    /** The state of one import. */
    private final class Run {
        private final String rootParentId;
        private final LocalDate validFrom;
        private int[] columns;
        private int headerSize;
        /** code → line, for every row with a well-formed code: duplicates and messages. */
        private final Map<String, Integer> seen = new HashMap<>();
        /** code → unit id, for rows imported or found unchanged: their children's parents. */
        private final Map<String, String> ids = new HashMap<>();
        private final Map<String, List<Pending>> waiting = new HashMap<>();
        private final List<ImportResult.LineError> errors = new ArrayList<>();
        private int created;
        private int unchanged;
        private int errorCount;

        Run(String rootParentId, LocalDate validFrom) {
            this.rootParentId = rootParentId;
            this.validFrom = validFrom;
        }

        void header(CsvLines.Line line) {
            if (line == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
                        "The body is empty: expected a header line " + String.join(",", COLUMNS) + " and rows", List.of());
            }
            if (!line.ok()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
                        "The header line cannot be read: " + line.problem(), List.of());
            }
            List<String> names = line.fields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
            headerSize = names.size();
            columns = new int[COLUMNS.size()];
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                columns[c] = names.indexOf(COLUMNS.get(c));
                if (columns[c] < 0) {
                    missing.add(COLUMNS.get(c));
                }
            }
            if (!missing.isEmpty()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
                        "The header line must name the columns " + String.join(",", COLUMNS) + "; missing: "
                                + String.join(", ", missing) + ". Nothing was imported",
                        List.of());
            }
        }

        void row(CsvLines.Line line) {
            if (!line.ok()) {
                error(line.number(), line.problem());
                return;
            }
            List<String> fields = line.fields();
            if (fields.size() != headerSize) {
                error(line.number(), "expected " + headerSize + " fields as in the header, found " + fields.size());
                return;
            }
            String code = fields.get(columns[0]).strip();
            String name = fields.get(columns[1]).strip();
            String level = fields.get(columns[2]).strip().toLowerCase(Locale.ROOT);
            String parentCode = fields.get(columns[3]).strip();
            if (!CODE.matcher(code).matches()) {
                error(line.number(), code.isEmpty() ? "the code is missing"
                        : "the code must be 1 to 32 letters, digits or . _ / -");
                return;
            }
            Integer earlier = seen.putIfAbsent(code, line.number());
            if (earlier != null) {
                error(line.number(), "code " + code + " already appears on line " + earlier);
                return;
            }
            UnitKind kind = LEVELS.get(level);
            if (kind == null) {
                error(line.number(), level.isEmpty() ? "the level is missing (province, district or commune)"
                        : "unknown level '" + abbreviate(level) + "' (province, district or commune)");
                return;
            }
            if (name.isEmpty()) {
                error(line.number(), "the name is missing");
                return;
            }
            if (name.length() > MAX_NAME) {
                error(line.number(), "the name is longer than " + MAX_NAME + " characters");
                return;
            }
            if (!parentCode.isEmpty() && !CODE.matcher(parentCode).matches()) {
                error(line.number(), "the parent code must be 1 to 32 letters, digits or . _ / -");
                return;
            }
            if (parentCode.equals(code)) {
                error(line.number(), "code " + code + " names itself as its parent");
                return;
            }
            var row = new Pending(line.number(), code, name, kind, parentCode);
            if (parentCode.isEmpty()) {
                store(row, rootParentId);
                return;
            }
            String parent = parentId(parentCode);
            if (parent != null) {
                store(row, parent);
            } else {
                waiting.computeIfAbsent(parentCode, p -> new ArrayList<>()).add(row);
            }
        }

        /** The id of the unit a parent code names: a row imported before, else an active unit. */
        private String parentId(String parentCode) {
            String id = ids.get(parentCode);
            if (id != null) {
                return id;
            }
            if (seen.containsKey(parentCode)) {
                return null; // a row of this file that failed or waits; never an older unit with its code
            }
            Optional<Unit> active = registry.findActiveByCode(parentCode);
            active.ifPresent(u -> ids.put(parentCode, u.id()));
            return active.map(Unit::id).orElse(null);
        }

        /** Creates the row (or finds it unchanged), then the rows that waited for it, depth first. */
        private void store(Pending first, String firstParent) {
            var todo = new ArrayDeque<Map.Entry<Pending, String>>();
            todo.push(Map.entry(first, firstParent == null ? "" : firstParent));
            while (!todo.isEmpty()) {
                var next = todo.pop();
                Pending row = next.getKey();
                String parentId = next.getValue().isEmpty() ? null : next.getValue();
                String id = createOrMatch(row, parentId);
                if (id == null) {
                    continue;
                }
                ids.put(row.code(), id);
                List<Pending> children = waiting.remove(row.code());
                if (children != null) {
                    for (int i = children.size() - 1; i >= 0; i--) {
                        todo.push(Map.entry(children.get(i), id));
                    }
                }
            }
        }

        private String createOrMatch(Pending row, String parentId) {
            Optional<Unit> existing = registry.findActiveByCode(row.code());
            if (existing.isPresent()) {
                Unit unit = existing.get();
                if (unit.name().equals(row.name()) && unit.kind() == row.kind()
                        && Objects.equals(unit.parentId(), parentId)) {
                    unchanged++;
                } else {
                    error(row.line(), "code " + row.code() + " is already held by active unit " + unit.id() + " with a different "
                            + differences(unit, row, parentId) + "; an import neither renames nor moves units");
                }
                return unit.id(); // its children still find their parent
            }
            try {
                created++;
                return registry.create(row.code(), row.name(), row.kind(), parentId, validFrom).id();
            } catch (ApiException e) {
                created--;
                error(row.line(), e.getMessage());
                return null;
            }
        }

        private static String differences(Unit unit, Pending row, String parentId) {
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

        private void error(int line, String message) {
            errorCount++;
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(new ImportResult.LineError(line, message));
            }
        }

        ImportResult finish() {
            waiting.values().stream().flatMap(List::stream).sorted(Comparator.comparingInt(Pending::line)).forEach(row -> {
                Integer parentLine = seen.get(row.parentCode());
                error(row.line(), parentLine == null
                        ? "parent code " + row.parentCode() + " is neither in the file nor held by an active unit"
                        : "parent code " + row.parentCode() + " (line " + parentLine + ") was not imported");
            });
            waiting.clear();
            errors.sort(Comparator.comparingInt(ImportResult.LineError::line));
            return new ImportResult(created, unchanged, errorCount, List.copyOf(errors));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    /** Thrown when the body passes the limit. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }

    /** Counts what is read and stops at the limit. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) throws TooLarge {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }
    }
}
