package vn.phoihop.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import java.util.function.Supplier;

/**
 * A duplicate key is how single-document writes say "already there": an idempotent upsert whose
 * filter missed, or a second insert of a business key. Two ways to read it, so no caller inspects
 * error categories itself.
 */
public final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** Runs an idempotent write; a duplicate key means it was already applied. */
    public static void ignore(Runnable write) {
        try {
            write.run();
        } catch (MongoWriteException e) {
            rethrowUnlessDuplicate(e);
        }
    }

    /**
     * Runs an insert (or a bulk of them); a duplicate key becomes {@code conflict}, e.g. a 409 for a code in use.
     * In a bulk, the writes before the duplicate are kept.
     */
    public static <T> T or(Supplier<T> write, Supplier<? extends RuntimeException> conflict) {
        try {
            return write.get();
        } catch (MongoWriteException e) {
            rethrowUnlessDuplicate(e);
            throw conflict.get();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().isEmpty() || e.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            throw conflict.get();
        }
    }

    private static void rethrowUnlessDuplicate(MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
        }
    }
}
