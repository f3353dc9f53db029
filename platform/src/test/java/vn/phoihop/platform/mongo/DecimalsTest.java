package vn.phoihop.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void decimalsReadExactly() {
        assertThat(Decimals.read(new Decimal128(new BigDecimal("1000000000.001")))).isEqualTo(new BigDecimal("1000000000.001"));
        assertThat(Decimals.read(Decimal128.NEGATIVE_ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void doublesWrittenBeforeReadAsTheDecimalTheyPrintAs() {
        assertThat(Decimals.read(0.1)).isEqualTo(new BigDecimal("0.1"));
        assertThat(Decimals.read(120.0)).isEqualTo(new BigDecimal("120.0"));
        assertThat(Decimals.read(7)).isEqualTo(new BigDecimal("7"));
        assertThat(Decimals.read(7L)).isEqualTo(new BigDecimal("7"));
    }

    @Test
    void nothingNotFiniteComesBack() {
        assertThat(Decimals.read(null)).isNull();
        assertThat(Decimals.read(Double.POSITIVE_INFINITY)).isNull();
        assertThat(Decimals.read(Double.NaN)).isNull();
        assertThat(Decimals.read(Decimal128.POSITIVE_INFINITY)).isNull();
        assertThat(Decimals.read(Decimal128.NaN)).isNull();
    }
}
