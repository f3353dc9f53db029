package vn.phoihop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsTheBurstThenSaysHowLongToWait() {
        var bucket = new TokenBucket(3, 2, 0);

        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).isZero();
        assertThat(bucket.take(0)).as("empty: one token comes in half a second").isEqualTo(SECOND / 2);
        assertThat(bucket.take(SECOND / 4)).as("half a token there").isEqualTo(SECOND / 4);
        assertThat(bucket.take(SECOND / 2)).isZero();
    }

    @Test
    void refillsAtTheRateButNeverBeyondTheBurst() {
        var bucket = new TokenBucket(2, 10, 0);
        bucket.take(0);
        bucket.take(0);

        long later = 60 * SECOND; // would be 600 tokens without the cap
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isZero();
        assertThat(bucket.take(later)).isPositive();
    }

    @Test
    void aRefusedRequestTakesNothing() {
        var bucket = new TokenBucket(1, 1, 0);
        bucket.take(0);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.take(SECOND / 2)).isEqualTo(SECOND / 2);
        }
        assertThat(bucket.take(SECOND)).isZero();
    }
}
