package vn.phoihop.program.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

/** A batch that fails for want of the database or Kafka is retried for as long as it takes, never set aside. */
class ProgressFeedTest {

    @Test
    void aFailedBatchIsRetriedAMinuteApartAtMostAndNeverGivenUp() {
        BackOffExecution execution = ProgressFeed.patience().start();
        assertThat(execution.nextBackOff()).isEqualTo(1000);
        assertThat(execution.nextBackOff()).isEqualTo(2000);
        for (int attempt = 0; attempt < 100_000; attempt++) { // more than two months of a minute apart
            assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(60_000);
        }
    }
}
