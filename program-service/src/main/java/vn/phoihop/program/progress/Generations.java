package vn.phoihop.program.progress;

import java.time.Instant;

/**
 * Which generation of the progress read model answers reads ({@code current}), which one a rebuild is filling
 * ({@code building}, null when none) and which one the last rebuild replaced ({@code previous}, kept until the next
 * rebuild so that reads in flight at the swap still find it). {@code replayed}: events the last rebuild read.
 */
public record Generations(String modelId, int current, Integer building, Integer previous, Instant startedAt,
        Instant finishedAt, long replayed) {

    /**
     * The consumer group that feeds a generation. {@code modelId} is random per database, so a wiped database never
     * resumes a group that fed an earlier one: its generations replay the topic from the beginning.
     */
    public String group(int generation) {
        return "program-service.progress." + modelId + ".g" + generation;
    }
}
