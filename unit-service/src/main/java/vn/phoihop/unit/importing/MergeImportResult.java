package vn.phoihop.unit.importing;

import java.util.List;

/**
 * What a merge mapping import did.
 *
 * @param merged lines whose old unit ended now, merged into its new unit
 * @param created new units created as merge targets
 * @param unchanged lines whose old unit had already been merged so (a repeated import)
 * @param errorCount every refused line; {@code errors} lists the first {@value LineErrors#MAX_LISTED}
 * @param errors refused lines in line order, each with the reason
 */
public record MergeImportResult(int merged, int created, int unchanged, int errorCount,
        List<ImportResult.LineError> errors) {
}
