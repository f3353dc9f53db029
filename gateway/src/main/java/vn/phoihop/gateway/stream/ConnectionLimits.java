package vn.phoihop.gateway.stream;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open streams per principal (token subject), so one client cannot take every connection of the gateway. */
public final class ConnectionLimits {

    private final int perPrincipal;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public ConnectionLimits(int perPrincipal) {
        this.perPrincipal = perPrincipal;
    }

    public int perPrincipal() {
        return perPrincipal;
    }

    /** Takes a slot for the principal; false when it holds the limit already. Give it back with {@link #release}. */
    public boolean tryAcquire(String principal) {
        boolean[] taken = {false};
        open.compute(principal, (key, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < perPrincipal) {
                current.incrementAndGet();
                taken[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        return taken[0];
    }

    public void release(String principal) {
        open.computeIfPresent(principal, (key, count) -> count.decrementAndGet() == 0 ? null : count);
    }

    public int openBy(String principal) {
        AtomicInteger count = open.get(principal);
        return count == null ? 0 : count.get();
    }
}
