package vn.phoihop.program.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.phoihop.events.activity.ActivityState;
import vn.phoihop.events.progress.ProgressChanged;
import vn.phoihop.program.progress.BatchProjection.Outcome;

/**
 * What a batch tells dashboards: one notice per program and unit its activity events name, with the indicators and
 * the dates they concern. Worked out from every usable event of the batch, applied or not, so a redelivery after a
 * crash gives the same notices again; its size is bounded by the programs × units, never by the events.
 */
final class ProgressNotices {

    /** The progress of {@code programId} at the last unit of {@code path} (ancestors first) may have changed. */
    static final class Notice {
        final String programId;
        final String unitId;
        List<String> path;
        /** The units of other paths the unit had on earlier events (a move in between): their counters moved too. */
        final Set<String> earlierPaths = new LinkedHashSet<>();
        final Set<String> codes = new TreeSet<>();
        LocalDate from;
        LocalDate to;
        /** The request id of the last event behind it, for tracing; null: none. */
        String requestId;

        private Notice(String programId, String unitId) {
            this.programId = programId;
            this.unitId = unitId;
        }

        ProgressChanged data() {
            return new ProgressChanged(programId, unitId, List.copyOf(codes), from, to);
        }

        private void take(List<String> eventPath, Collection<String> eventCodes, LocalDate first, LocalDate last,
                String eventRequestId) {
            if (path != null && !path.equals(eventPath)) {
                earlierPaths.addAll(path);
            }
            path = eventPath;
            codes.addAll(eventCodes);
            from = from == null || first.isBefore(from) ? first : from;
            to = to == null || last.isAfter(to) ? last : to;
            requestId = eventRequestId != null ? eventRequestId : requestId;
        }

        private void take(Notice other) {
            earlierPaths.addAll(other.earlierPaths);
            take(other.path, other.codes, other.from, other.to, other.requestId);
        }

        /** The units of earlier paths that are not on the latest one: the notice's {@code unitscope} adds them. */
        List<String> otherUnits() {
            var others = new ArrayList<>(earlierPaths);
            others.removeAll(path);
            return others;
        }
    }

    private record Key(String programId, String unitId) {
    }

    private final Map<Key, Notice> notices = new LinkedHashMap<>();

    static ProgressNotices of(List<Outcome> outcomes) {
        var batch = new ProgressNotices();
        outcomes.forEach(batch::add);
        return batch;
    }

    private void add(Outcome outcome) {
        var event = outcome.placed().event();
        ActivityState a = event.activity();
        if (!mayMoveProgress(a)) {
            return;
        }
        var codes = new TreeSet<>(a.metrics().keySet());
        if (event.latest() != null) {
            codes.addAll(event.latest().keySet());
        }
        if (outcome.over() != null) { // a correction may drop a figure it counted before
            codes.addAll(outcome.over().counted().keySet());
        }
        var path = new ArrayList<>(a.ancestorIds());
        path.add(a.unitId());
        notices.computeIfAbsent(new Key(a.programId(), a.unitId()), k -> new Notice(k.programId(), k.unitId()))
                .take(List.copyOf(path), codes, a.occurredOn(), a.occurredOn(), outcome.placed().requestId());
    }

    /**
     * False only for a first version that does not count (a joint activity awaiting confirmation): nothing before it
     * could have counted, so no figure moved. Any later version may add or take back.
     */
    static boolean mayMoveProgress(ActivityState a) {
        return a.counts() || a.version() > 1;
    }

    /** Adds {@code other}'s notices to these (a rebuild collects every batch's until it goes live). */
    void addAll(ProgressNotices other) {
        other.notices.forEach((key, notice) -> notices.merge(key, notice, (mine, theirs) -> {
            mine.take(theirs);
            return mine;
        }));
    }

    Collection<Notice> all() {
        return notices.values();
    }

    boolean isEmpty() {
        return notices.isEmpty();
    }

    int size() {
        return notices.size();
    }
}
