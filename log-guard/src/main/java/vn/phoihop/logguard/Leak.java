package vn.phoihop.logguard;

import java.time.Instant;
import java.util.Set;

/**
 * A log line that carried personal data, as the guard saw it: the line itself only redacted, so that reporting a
 * leak never repeats it.
 *
 * @param sequence order among the leaks of this JVM
 * @param during the test that was running when the line was logged (or the class, between its tests)
 * @param redacted the line, its stack trace, MDC and arguments, with each finding replaced by a placeholder
 */
public record Leak(long sequence, Instant at, String level, String logger, String thread, String during,
        Set<PersonalDataFinder.Kind> kinds, String redacted) {

    @Override
    public String toString() {
        return level + " " + logger + " on thread " + thread + " during " + during + " (" + kinds + "):\n    "
                + redacted.strip().replace("\n", "\n    ");
    }
}
