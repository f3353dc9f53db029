package vn.phoihop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.phoihop.events.activity.Figures;

class FiguresTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.000", "1e2", "1.50", "0.001", "999999999.999", "1000000000", "1000000000.000",
            "1E+9", "-0"})
    void figuresWithinBoundsAreAllowed(String value) {
        assertThat(Figures.allowed(new BigDecimal(value))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.001", "-1", "1000000000.001", "1.7e308", "1e309", "1e999999999", "0.0001", "12.3456",
            "1e-999999999", "1E+10"})
    void figuresOutOfBoundsAreNot(String value) {
        assertThat(Figures.allowed(new BigDecimal(value))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"1.50, 1.5", "1e2, 100", "1.000, 1", "0.000, 0", "1000000000.000, 1000000000", "0.010, 0.01",
            "1E+33, 1000000000000000000000000000000000", "1.7E+308, 1.7E+308", "1e999999999, 1E+999999999"})
    void theSameFigureIsWrittenOneWay(String written, String canonical) {
        assertThat(Figures.canonical(new BigDecimal(written)).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000000", "1000000000000.000"})
    void aLargerMaximumAllowsMore(String value) {
        assertThat(Figures.allowed(new BigDecimal(value), new BigDecimal("1000000000000"))).isTrue();
        assertThat(Figures.allowed(new BigDecimal(value))).isFalse();
    }
}
