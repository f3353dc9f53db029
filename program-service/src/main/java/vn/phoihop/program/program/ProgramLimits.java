package vn.phoihop.program.program;

import vn.phoihop.platform.web.ApiException;
import vn.phoihop.platform.web.ApiException.FieldError;

/**
 * How much one program holds. A program is one document, read on every progress query and rewritten by every
 * change, and its indicators multiply the counters each query reads; enrolled units travel in every program event.
 * Past a bound, a request is a 400 naming the collection.
 */
final class ProgramLimits {

    static final int INDICATORS = 100;
    static final int TARGETS = 5_000;
    static final int ENROLMENTS = 1_000;

    private ProgramLimits() {
    }

    /** Refuses adding one more to {@code held} things of {@code field} when the program has {@code max} already. */
    static void room(int held, int max, String field) {
        if (held >= max) {
            throw ApiException.invalid(new FieldError(field, "a program holds at most " + max));
        }
    }
}
