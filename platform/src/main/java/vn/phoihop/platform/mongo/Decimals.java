package vn.phoihop.platform.mongo;

import java.math.BigDecimal;
import org.bson.types.Decimal128;

/**
 * Figures in documents: written as Decimal128 (a {@link BigDecimal} value is encoded so by the driver), read back as
 * exact {@link BigDecimal}s. Documents written before figures were decimals hold doubles (or integers); those read as
 * the decimal a double prints as ({@link BigDecimal#valueOf(double)}), the very amount the counters were moved by
 * when they were written, so nothing needs migrating. A stored infinity or NaN (a review frozen from progress that
 * large figures had corrupted) reads as no figure.
 */
public final class Decimals {

    private Decimals() {
    }

    /** The stored number as a decimal; null, infinity and NaN read as null. */
    public static BigDecimal read(Object stored) {
        if (stored == null) {
            return null;
        }
        if (stored instanceof Decimal128 d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            // via the text: a sum that came back to zero may be a negative zero, which bigDecimalValue() refuses
            return new BigDecimal(d.toString());
        }
        if (stored instanceof Double || stored instanceof Float) {
            double value = ((Number) stored).doubleValue();
            return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
        }
        if (stored instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        throw new IllegalArgumentException("not a number: " + stored.getClass().getSimpleName());
    }
}
