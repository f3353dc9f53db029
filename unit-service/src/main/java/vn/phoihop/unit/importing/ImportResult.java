package vn.phoihop.unit.importing;

import java.util.List;

/**
 * What an import did.
 *
 * @param created units created
 * @param unchanged rows whose code an active unit already holds, with the same name, kind and parent
 * @param errorCount every refused line; {@code errors} lists the first {@value UnitImport#MAX_LISTED_ERRORS}
 * @param errors refused lines in line order, each with the reason
 */
public record ImportResult(int created, int unchanged, int errorCount, List<LineError> errors) {

    /** A line that was not imported; {@code line} is the physical line in the file, the header being 1. */
    public record LineError(int line, String message) {
    }
}
