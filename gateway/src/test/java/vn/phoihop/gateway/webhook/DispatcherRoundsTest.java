package vn.phoihop.gateway.webhook;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the dispatcher runs a round besides its tick: right after the intake stores deliveries, and again as soon as
 * attempts finish while the last round took all it could. The tick here is an hour, so any round within seconds is
 * one of these.
 */
class DispatcherRoundsTest {

    private static final int CONCURRENCY = 2;
    private static final int ROUND = CONCURRENCY * 2; // what one round claims at most

    private final DeliveryStore deliveries = mock(DeliveryStore.class);
    private final Dispatcher dispatcher = new Dispatcher(deliveries, mock(WebhookStore.class), mock(Sender.class),
            new WebhookProperties(false, false, Duration.ofHours(25), Duration.ofSeconds(5), Duration.ofHours(1),
                    Duration.ofHours(24), Duration.ofSeconds(10), 3, Duration.ofHours(1), CONCURRENCY),
            Clock.systemUTC());

    @AfterEach
    void stop() {
        dispatcher.stop();
    }

    @Test
    void storedDeliveriesAreClaimedAtOnceNotAtTheNextTick() {
        when(deliveries.claimDue(any(), any(), anyInt())).thenReturn(List.of("d-1"));
        when(deliveries.find(any())).thenReturn(Optional.empty()); // delivered meanwhile: the attempt ends there
        dispatcher.start();

        dispatcher.nudge();

        verify(deliveries, timeout(5_000)).claimDue(any(), any(), anyInt());
        verify(deliveries, timeout(5_000)).find("d-1");
    }

    @Test
    void aFullRoundIsFollowedByAnotherOnceItsAttemptsFinish() {
        List<String> full = IntStream.range(0, ROUND).mapToObj(i -> "d-" + i).toList();
        when(deliveries.claimDue(any(), any(), anyInt())).thenReturn(full, List.of("d-last"), List.of());
        when(deliveries.find(any())).thenReturn(Optional.empty());
        dispatcher.start();

        dispatcher.nudge();

        verify(deliveries, timeout(5_000)).find("d-last");
    }

    @Test
    void aRoundThatTookLessThanItCouldWaitsForTheTick() throws InterruptedException {
        when(deliveries.claimDue(any(), any(), anyInt())).thenReturn(List.of("d-1"), List.of("d-2"));
        when(deliveries.find(any())).thenReturn(Optional.empty());
        dispatcher.start();

        dispatcher.nudge();
        verify(deliveries, timeout(5_000)).find("d-1");
        Thread.sleep(500);

        verify(deliveries, org.mockito.Mockito.times(1)).claimDue(any(), any(), anyInt());
    }
}
