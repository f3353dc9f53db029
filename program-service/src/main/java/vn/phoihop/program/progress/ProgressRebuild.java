package vn.phoihop.program.progress;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import vn.phoihop.platform.web.ApiException;
import vn.phoihop.program.progress.ProgressFeed.Span;
import vn.phoihop.program.progress.mongo.ProgressGenerations;

/**
 * Rebuilds the progress read model from the {@code activities} topic into a fresh generation while the current one
 * keeps answering and keeps following the live stream (ADR 0005). The new generation's consumer replays from the
 * beginning and then follows the live stream too; once it has read everything the topic held at the start and
 * everything the current one has read, reads swap to it and the old consumer stops. Nothing is lost at the swap:
 * each generation has its own consumer group reading the whole topic. The new generation's
 * {@code progress.changed.v1} notices are held until the swap and then sent, one per program and unit it holds
 * ({@link ProgressAnnouncer}).
 */
@Service
public class ProgressRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProgressRebuild.class);

    private final ProgressGenerations generations;
    private final ProgressFeed feed;
    private final ProgressAnnouncer announcer;
    private final Clock clock;
    private ScheduledExecutorService watcher;
    private volatile ScheduledFuture<?> check;
    private volatile Map<Integer, Span> target = Map.of();
    private volatile boolean running;

    ProgressRebuild(ProgressGenerations generations, ProgressFeed feed, ProgressAnnouncer announcer, Clock clock) {
        this.generations = generations;
        this.feed = feed;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Starts a rebuild. @throws ApiException 409 while one is running */
    public synchronized RebuildStatus begin() {
        Generations seen = generations.load();
        if (seen.building() != null) {
            throw ApiException.conflict("A rebuild into generation " + seen.building() + " is running");
        }
        if (seen.previous() != null) { // reads in flight at the last swap are long finished
            generations.dropData(seen.previous());
            generations.forgetPrevious(seen.previous());
        }
        int next = seen.current() + 1;
        generations.dropData(next); // fresh, whatever an abandoned attempt left under that number
        Map<Integer, Span> spans = feed.spans(); // before anything is marked: the broker must answer
        if (!generations.startBuilding(seen, next, clock.instant())) {
            throw ApiException.conflict("The progress model changed meanwhile; read the rebuild status and retry");
        }
        log.info("Rebuilding progress into generation {}", next);
        follow(seen, next, spans);
        return status();
    }

    public RebuildStatus status() {
        Generations g = generations.load();
        if (g.building() != null) {
            return new RebuildStatus("RUNNING", g.current(), g.building(), g.startedAt(), null,
                    feed.position(g.building()).records(), total(target));
        }
        return new RebuildStatus(g.finishedAt() == null ? "IDLE" : "DONE", g.current(), null, g.startedAt(),
                g.finishedAt(), g.replayed(), null);
    }

    private void follow(Generations g, int building, Map<Integer, Span> spans) {
        target = spans;
        announcer.hold(building); // nobody reads it yet: its notices wait for the swap
        feed.start(building, g.group(building));
        check = watcher.scheduleWithFixedDelay(this::swapIfCaughtUp, 200, 200, TimeUnit.MILLISECONDS);
    }

    private synchronized void swapIfCaughtUp() {
        try {
            Generations g = generations.load();
            if (g.building() != null && !caughtUp(g)) {
                return;
            }
            if (g.building() != null) {
                long replayed = feed.position(g.building()).records();
                if (generations.swap(g, clock.instant(), replayed)) {
                    feed.stop(g.current());
                    log.info("Progress generation {} replaced generation {} after {} events", g.building(),
                            g.current(), replayed);
                }
                g = generations.load();
            }
            if (!announcer.release(g.current())) {
                return; // Kafka did not take the notices: the next check sends them
            }
            check.cancel(false);
        } catch (RuntimeException e) { // the database or broker hiccupped: the next check tries again
            log.warn("Rebuild check failed", e);
        }
    }

    /** The new generation has read all the topic held at the start, and all the current one has read. */
    private boolean caughtUp(Generations g) {
        Map<Integer, Long> building = feed.position(g.building()).next();
        Map<Integer, Long> current = feed.position(g.current()).next();
        return target.entrySet().stream().allMatch(e -> building.getOrDefault(e.getKey(), e.getValue().begin())
                >= Math.max(e.getValue().end(), current.getOrDefault(e.getKey(), 0L)));
    }

    private static Long total(Map<Integer, Span> spans) {
        return spans.values().stream().mapToLong(s -> s.end() - s.begin()).sum();
    }

    @Override
    public synchronized void start() {
        watcher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "progress-rebuild"));
        Generations g = generations.load();
        feed.start(g.current(), g.group(g.current()));
        if (g.building() != null) { // interrupted by a restart: its consumer group resumes where it committed
            follow(g, g.building(), feed.spans());
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        watcher.shutdownNow();
        feed.stopAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
