package vn.phoihop.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import vn.phoihop.devstack.process.Child;

/**
 * Waits for parts to become healthy and shows it: one line per part as it gets there, and on a terminal
 * a single self-overwriting "waiting for …" line (nothing repeated into a log or a pipe).
 */
final class Startup {

    /** A part being waited for; {@code child} is null for what runs in this JVM or elsewhere. */
    record Part(String name, Child child, Probe probe) {
    }

    /** Asks a part whether it is healthy, giving up after {@code timeout}. */
    @FunctionalInterface
    interface Probe {
        boolean healthy(Duration timeout);
    }

    /**
     * The first probe's timeout, and the most a probe is given. Each failed probe gives the next half as long again:
     * on a machine too busy to answer within the first timeout, a fixed one would fail every probe of a part that is
     * up (a broker that started but answered its first describe-cluster in 3 s was never seen healthy).
     */
    static final Duration FIRST_PROBE = Duration.ofSeconds(2);
    static final Duration LONGEST_PROBE = Duration.ofSeconds(20);

    /** A part died or stayed unhealthy; the message says which and why, the log tail shows the cause. */
    static final class Failure extends RuntimeException {
        final transient Child child;

        Failure(String message, Child child) {
            super(message);
            this.child = child;
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final PrintStream out;
    private final boolean terminal;
    private final Instant begin = Instant.now();

    Startup(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void healthy(String name) {
        clearWaitingLine();
        out.printf(Locale.ROOT, "  %-16s up after %5.1f s%n", name, seconds());
    }

    double seconds() {
        return Duration.between(begin, Instant.now()).toMillis() / 1000.0;
    }

    /** Returns when every part is healthy; throws {@link Failure} at the first that dies or times out. */
    void await(List<Part> parts, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        var pending = new ArrayList<>(parts);
        var probeTimeouts = new HashMap<Part, Duration>();
        while (!pending.isEmpty()) {
            for (Part part : List.copyOf(pending)) {
                if (part.child != null && !part.child.isAlive()) {
                    clearWaitingLine();
                    throw new Failure(part.name + " exited with code " + part.child.process().exitValue()
                            + " before it was healthy.", part.child);
                }
                Duration probeTimeout = probeTimeouts.getOrDefault(part, FIRST_PROBE);
                if (part.probe.healthy(probeTimeout)) {
                    pending.remove(part);
                    healthy(part.name);
                } else {
                    probeTimeouts.put(part, longer(probeTimeout));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                clearWaitingLine();
                Part late = pending.get(0);
                throw new Failure(late.name + " was not healthy within " + timeout.toSeconds()
                        + " s (PHOIHOP_START_TIMEOUT changes the limit).", late.child);
            }
            showWaiting(pending);
            Thread.sleep(POLL.toMillis());
        }
    }

    static Duration longer(Duration probeTimeout) {
        Duration next = probeTimeout.plus(probeTimeout.dividedBy(2));
        return next.compareTo(LONGEST_PROBE) > 0 ? LONGEST_PROBE : next;
    }

    private void showWaiting(List<Part> pending) {
        if (terminal) {
            String names = pending.stream().map(Part::name).collect(Collectors.joining(", "));
            out.printf(Locale.ROOT, "\r\033[K  waiting for %s … %.0f s", names, seconds());
            out.flush();
        }
    }

    private void clearWaitingLine() {
        if (terminal) {
            out.print("\r\033[K");
        }
    }
}
