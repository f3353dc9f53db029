package vn.phoihop.program.program;

import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * The rules of an indicator's definition. A RATIO divides two indicators of the same program that are not
 * ratios themselves (SUM or LATEST, so no ratio can loop); only a RATIO names a numerator and a denominator.
 */
final class Indicators {

    private Indicators() {
    }

    static void check(Program program, Indicator indicator) {
        boolean ratio = indicator.aggregation() == Aggregation.RATIO;
        for (var part : new String[][] {{"numeratorCode", indicator.numeratorCode()}, {"denominatorCode", indicator.denominatorCode()}}) {
            if (!ratio) {
                if (part[1] != null) {
                    throw ApiException.invalid(new FieldError(part[0], "only for RATIO indicators"));
                }
                continue;
            }
            if (part[1] == null) {
                throw ApiException.invalid(new FieldError(part[0], "a RATIO needs it"));
            }
            Indicator named = program.indicator(part[1]).orElseThrow(() -> ApiException.rejected(
                    "Program " + program.id() + " has no indicator " + part[1], new FieldError(part[0], "unknown indicator")));
            if (named.aggregation() == Aggregation.RATIO) {
                throw ApiException.rejected("A RATIO divides SUM or LATEST indicators, not another RATIO",
                        new FieldError(part[0], "is itself a RATIO"));
            }
        }
    }
}
