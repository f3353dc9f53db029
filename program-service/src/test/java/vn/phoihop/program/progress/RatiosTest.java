package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A ratio is rounded once, to six decimals, half up, and written in its shortest form. */
class RatiosTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"1, 3, 0.333333", "2, 3, 0.666667", "0.0000005, 1, 0.000001",
            "0.0000004, 1, 0", "3, 3, 1", "300, 3, 100", "1000000000000000000.001, 0.001, 1000000000000000000001",
            "5, 0, null", "0, 0, null"})
    void ratiosAreRoundedHalfUpToSixDecimals(String numerator, String denominator, String ratio) {
        BigDecimal found = ProgressReport.ratio(new BigDecimal(numerator), new BigDecimal(denominator));
        assertThat(found == null ? null : found.toPlainString()).isEqualTo(ratio);
    }
}
