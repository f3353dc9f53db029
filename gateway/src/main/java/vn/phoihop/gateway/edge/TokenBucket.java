package vn.phoihop.gateway.edge;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills continuously at {@code perSecond}, and each
 * request takes one. Thread safe; time is passed in (nanoTime) so tests need no clock.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token: 0 when taken, else the nanoseconds until one will be there. */
    synchronized long take(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / perNano);
    }
}
