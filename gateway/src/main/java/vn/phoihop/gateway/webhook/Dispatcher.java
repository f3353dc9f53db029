package vn.phoihop.gateway.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Works the delivery queue: every {@code dispatchEvery} it claims what is due and attempts each on a pool of
 * {@code concurrency} threads, so one slow partner holds one thread, not the queue. A round comes sooner when there
 * is work: right after the intake stores a delivery ({@link #nudge}), and as soon as attempts finish while the last
 * round found more due than it could take, so a backlog drains as fast as the partners answer, not one batch a tick. A failure is retried after an
 * exponentially growing delay with jitter (so partners coming back are not hit by every retry at once), until
 * {@code retryFor} has passed since the window began; then the delivery is parked as failed.
 */
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final Sender sender;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile boolean backlog; // the last round claimed all it could take: more may be due
    private volatile ScheduledExecutorService ticker;
    private ExecutorService workers;

    Dispatcher(DeliveryStore deliveries, WebhookStore webhooks, Sender sender, WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        workers = Executors.newFixedThreadPool(properties.concurrency(), named("webhook-delivery"));
        ticker = Executors.newSingleThreadScheduledExecutor(named("webhook-dispatch"));
        long every = properties.dispatchEvery().toMillis();
        ticker.scheduleWithFixedDelay(this::dispatchDue, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            workers.shutdown();
            try {
                // an attempt cut short is attempted again once its lease has passed
                workers.awaitTermination(properties.requestTimeout().toSeconds() + 1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    /** A round soon, on the dispatcher's thread (one at a time); several nudges before it runs make one round. */
    void nudge() {
        ScheduledExecutorService current = ticker;
        if (current != null && roundQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::dispatchDue);
            } catch (RejectedExecutionException stopping) {
                roundQueued.set(false);
            }
        }
    }

    void dispatchDue() {
        roundQueued.set(false);
        try {
            int free = properties.concurrency() * 2 - inFlight.size();
            if (free <= 0) {
                backlog = true;
                return;
            }
            Duration lease = properties.requestTimeout().multipliedBy(2).plusSeconds(properties.maxRedirects() * 5L);
            List<String> claimed = deliveries.claimDue(clock.instant(), lease, free);
            backlog = claimed.size() == free;
            for (String id : claimed) {
                if (inFlight.add(id)) {
                    workers.execute(() -> {
                        try {
                            attempt(id);
                        } finally {
                            inFlight.remove(id);
                            if (backlog && inFlight.size() <= properties.concurrency()) {
                                nudge(); // half the slots are free and more is due: take it now
                            }
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.error("Webhook dispatch failed; next round in {}", properties.dispatchEvery(), e);
        }
    }

    private void attempt(String id) {
        try {
            Delivery delivery = deliveries.find(id).orElse(null);
            if (delivery == null || delivery.status() != Delivery.Status.PENDING) {
                return;
            }
            Webhook webhook = webhooks.find(delivery.webhookId()).orElse(null);
            if (webhook == null) {
                deliveries.park(id, null); // deleted meanwhile: nobody to send it to
                return;
            }
            Delivery.Attempt attempt = sender.attempt(webhook.url(), delivery.messageId(), webhook.secrets(), delivery.body());
            if (attempt.succeeded()) {
                deliveries.delivered(id, attempt);
                return;
            }
            Instant next = attempt.at().plus(backoff(delivery.attempts().size() + 1));
            if (next.isAfter(delivery.windowStart().plus(properties.retryFor()))) {
                deliveries.park(id, attempt);
                log.warn("Webhook {} delivery {} parked after {} attempts: {}", webhook.id(), delivery.key(),
                        delivery.attempts().size() + 1, attempt.error());
            } else {
                deliveries.retryAt(id, attempt, next);
            }
        } catch (RuntimeException e) {
            log.error("Webhook delivery {} could not be recorded; it is attempted again after its lease", id, e);
        }
    }

    /** {@code firstRetry × 2^(n−1)}, at most {@code maxBackoff}, then a random point in its upper half. */
    Duration backoff(int failures) {
        long base = properties.firstRetry().toMillis();
        long exponential = failures >= 40 ? Long.MAX_VALUE : base << Math.min(failures - 1, 40);
        long capped = Math.min(exponential <= 0 ? Long.MAX_VALUE : exponential, properties.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        var counter = new java.util.concurrent.atomic.AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
