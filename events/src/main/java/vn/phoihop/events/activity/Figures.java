package vn.phoihop.events.activity;

import java.math.BigDecimal;

/**
 * What a figure of an activity may be: an exact decimal from 0 to {@link #MAX} with at most {@link #DECIMALS}
 * decimals. unit-service accepts nothing else and program-service applies nothing else, so every figure accepted can
 * be added up exactly: a value has at most 13 significant digits, and a sum of 10^9 of them at most 22, well inside
 * the 34 of a Decimal128 counter.
 */
public final class Figures {

    /** The most one activity reports on one indicator: ten times Viet Nam's population. */
    public static final BigDecimal MAX = new BigDecimal("1000000000");
    /** Thousandths: a metre in kilometres, a minute in hours is close enough, a đồng in thousands of đồng. */
    public static final int DECIMALS = 3;
    /** Why a value is refused, in words a caller understands. */
    public static final String RULE = "must be a number from 0 to 1000000000 with at most 3 decimals";
    /** A Decimal128's digits: a number this long or shorter is written out in full. */
    private static final int PLAIN_DIGITS = 34;

    private Figures() {
    }

    /** True if {@code value} is a figure an activity may carry. */
    public static boolean allowed(BigDecimal value) {
        return allowed(value, MAX);
    }

    /** The same rule under another maximum (a target covers many activities). */
    public static boolean allowed(BigDecimal value, BigDecimal max) {
        // compareTo first: it looks at the exponents before any digit, so 1e999999999 costs nothing
        return value != null && value.signum() >= 0 && value.compareTo(max) <= 0
                && value.stripTrailingZeros().scale() <= DECIMALS;
    }

    /**
     * Its shortest exact form ({@code 1.50} is 1.5, {@code 1e2} is 100): the same figure is written one way, without
     * an exponent. A number of more than 34 digits (none that {@link #allowed} lets in, nor their sums) keeps its
     * exponent, so that nothing here ever spells out 1e999999999.
     */
    public static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        boolean plain = stripped.scale() >= 0 || stripped.precision() - stripped.scale() > PLAIN_DIGITS;
        return plain ? stripped : stripped.setScale(0);
    }
}
