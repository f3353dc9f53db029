package vn.phoihop.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    @Test
    void eachPrincipalHoldsAtMostTheLimitAndGetsSlotsBack() {
        var limits = new ConnectionLimits(2);
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).isTrue();
        assertThat(limits.tryAcquire("a")).isFalse();
        assertThat(limits.tryAcquire("b")).as("others are not affected").isTrue();
        limits.release("a");
        assertThat(limits.tryAcquire("a")).isTrue();
        limits.release("a");
        limits.release("a");
        assertThat(limits.openBy("a")).isZero();
    }
}
