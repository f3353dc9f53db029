package vn.phoihop.unit.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The refused lines of an import: all counted, the first {@value #MAX_LISTED} kept for the answer. */
final class LineErrors {

    static final int MAX_LISTED = 1000;

    private final List<ImportResult.LineError> listed = new ArrayList<>();
    private int count;

    void add(int line, String message) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(new ImportResult.LineError(line, message));
        }
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** In line order. */
    List<ImportResult.LineError> listed() {
        return listed.stream().sorted(Comparator.comparingInt(ImportResult.LineError::line)).toList();
    }
}
