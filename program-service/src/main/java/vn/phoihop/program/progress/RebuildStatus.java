package vn.phoihop.program.progress;

import java.time.Instant;

/**
 * Where a rebuild of the progress read model stands. {@code state}: {@code IDLE} (never rebuilt), {@code RUNNING} or
 * {@code DONE}. {@code generation} answers reads; {@code building} is being filled. {@code replayed} events of the
 * topic have been read into it, of the {@code total} the topic held when the rebuild started.
 */
public record RebuildStatus(String state, int generation, Integer building, Instant startedAt, Instant finishedAt,
        long replayed, Long total) {
}
