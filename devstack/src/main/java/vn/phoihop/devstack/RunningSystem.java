package vn.phoihop.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import vn.phoihop.devstack.mongo.EmbeddedMongo;
import vn.phoihop.devstack.process.Child;

/**
 * What {@code up} has started so far, stopped in the reverse order of need: services first (they still
 * flush to Kafka and write to MongoDB as they stop), then the broker, then MongoDB. Called from the
 * shutdown hook on Ctrl-C / SIGTERM and on a failed start; stopping twice does nothing.
 */
final class RunningSystem {

    static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    static final Duration KAFKA_GRACE = Duration.ofSeconds(30);

    private final PrintStream out;
    private final List<Child> services = new ArrayList<>();
    private Child kafka;
    private EmbeddedMongo mongo;
    private volatile boolean stopping; // read without the lock, which stop() holds for seconds

    RunningSystem(PrintStream out) {
        this.out = out;
    }

    synchronized void mongo(EmbeddedMongo started) {
        if (stopping) {
            started.close();
            throw new StoppedWhileStarting();
        }
        mongo = started;
    }

    synchronized void kafka(Child started) {
        refuseIfStopping(started);
        kafka = started;
    }

    synchronized void service(Child started) {
        refuseIfStopping(started);
        services.add(started);
    }

    boolean isStopping() {
        return stopping;
    }

    /** Every child, to watch for one that dies after the start. */
    synchronized List<Child> children() {
        var all = new ArrayList<>(services);
        if (kafka != null) {
            all.add(kafka);
        }
        return all;
    }

    /** A stop began while we were still starting things (Ctrl-C during the start): stop this one too. */
    private void refuseIfStopping(Child started) {
        if (stopping) {
            started.stop(SERVICE_GRACE);
            throw new StoppedWhileStarting();
        }
    }

    static final class StoppedWhileStarting extends RuntimeException {
        StoppedWhileStarting() {
            super("stopped while starting");
        }
    }

    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (!services.isEmpty()) {
            out.println(System.lineSeparator() + "phoihop: stopping…"); // off the line a ^C echo leaves
        }
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(() -> stopChild(s, SERVICE_GRACE)))
                .toArray(CompletableFuture[]::new)).join();
        if (kafka != null) {
            stopChild(kafka, KAFKA_GRACE);
        }
        if (mongo != null) {
            mongo.close();
            out.println("  stopped mongo");
        }
        out.flush();
    }

    private void stopChild(Child child, Duration grace) {
        boolean wasAlive = child.isAlive();
        child.stop(grace);
        out.println("  stopped " + child.name() + (wasAlive ? "" : " (it had exited with code " + child.process().exitValue() + ")"));
    }
}
