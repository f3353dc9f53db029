package vn.phoihop.program;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Figures as activity events carry them, exact decimals, from the numbers tests write: {@code 5.0} is 5.0. */
public final class TestFigures {

    private TestFigures() {
    }

    public static Map<String, BigDecimal> of(Map<String, ? extends Number> values) {
        var figures = new LinkedHashMap<String, BigDecimal>();
        values.forEach((code, value) -> figures.put(code, value instanceof BigDecimal d ? d : new BigDecimal(value.toString())));
        return figures;
    }
}
