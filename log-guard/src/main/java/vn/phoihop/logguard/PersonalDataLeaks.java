package vn.phoihop.logguard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The leaks the guard has seen in this JVM and no test has been failed for yet. {@link PersonalDataLogGuard} takes
 * them after every test and fails it; a self-test that logs personal data on purpose takes its own leaks with
 * {@link #since(long)} and {@link #acknowledge(Collection)}.
 */
public final class PersonalDataLeaks {

    private static final List<Leak> OUTSTANDING = new ArrayList<>();
    private static long next;
    private static volatile String during = "no test (JVM start)";

    private PersonalDataLeaks() {
    }

    static synchronized Leak record(Instant at, String level, String logger, String thread,
            Set<PersonalDataFinder.Kind> kinds, String redacted) {
        var leak = new Leak(next++, at, level, logger, thread, during, kinds, redacted);
        OUTSTANDING.add(leak);
        return leak;
    }

    /** Names what runs now, for the leaks logged meanwhile. */
    static void during(String what) {
        during = what;
    }

    /** A mark to pass to {@link #since(long)}. */
    public static synchronized long mark() {
        return next;
    }

    /** The outstanding leaks recorded after {@code mark}. */
    public static synchronized List<Leak> since(long mark) {
        return OUTSTANDING.stream().filter(l -> l.sequence() >= mark).toList();
    }

    /** For a test that leaked on purpose and has checked the guard saw it: these fail no test. */
    public static synchronized void acknowledge(Collection<Leak> leaks) {
        OUTSTANDING.removeAll(leaks);
    }

    /** Every outstanding leak; they are then no longer outstanding. */
    static synchronized List<Leak> take() {
        var taken = new ArrayList<>(OUTSTANDING);
        OUTSTANDING.clear();
        return taken;
    }
}
