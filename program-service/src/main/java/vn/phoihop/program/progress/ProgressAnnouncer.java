package vn.phoihop.program.progress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import vn.phoihop.events.EventCodec;
import vn.phoihop.events.EventTypes;
import vn.phoihop.events.Topics;
import vn.phoihop.platform.outbox.EventRecords;
import vn.phoihop.program.progress.ProgressNotices.Notice;

/**
 * Publishes {@code progress.changed.v1} on {@code programs}, so dashboards refetch progress when it moves instead of
 * polling. The projector hands it each batch's notices after the batch's writes; it sends them and waits for Kafka's
 * acknowledgements, so a failed send fails the batch, which is delivered again with its notices (at least once).
 *
 * <p>A generation being rebuilt is {@linkplain #hold held}: nobody reads it, so its notices are collected instead
 * (one per program and unit, whatever the number of events replayed) and sent when it becomes the one that answers
 * ({@link #release}). The check of the hold and the collection happen under one lock with the release, so a batch
 * either lands in the collection or is sent itself.
 */
@Component
public class ProgressAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(ProgressAnnouncer.class);
    private static final long ACK_SECONDS = 30;

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec;
    private final Map<Integer, ProgressNotices> held = new HashMap<>();
    /** Notices of a released generation that could not be sent yet. */
    private ProgressNotices due = new ProgressNotices();

    ProgressAnnouncer(KafkaTemplate<String, String> kafka, EventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    /** Announces a batch's notices, or collects them while {@code generation} is held. */
    void announce(int generation, ProgressNotices notices) {
        if (notices.isEmpty()) {
            return;
        }
        synchronized (this) {
            ProgressNotices collecting = held.get(generation);
            if (collecting != null) {
                collecting.addAll(notices);
                return;
            }
        }
        send(notices);
    }

    /** From now on, collect {@code generation}'s notices rather than send them: a rebuild is filling it. */
    synchronized void hold(int generation) {
        held.putIfAbsent(generation, new ProgressNotices());
    }

    /**
     * {@code generation} answers reads now: sends what it collected, and from now on its batches announce themselves.
     *
     * @return false if some notices could not be sent: call again to retry them
     */
    synchronized boolean release(int generation) {
        ProgressNotices collected = held.remove(generation);
        if (collected != null) {
            due.addAll(collected);
        }
        if (due.isEmpty()) {
            return true;
        }
        try {
            send(due);
            log.info("Announced the progress of {} program units after the rebuild into generation {}", due.size(),
                    generation);
            due = new ProgressNotices();
            return true;
        } catch (RuntimeException e) {
            log.warn("Announcing the rebuilt progress failed; retrying: {}", e.toString());
            return false;
        }
    }

    /** @throws IllegalStateException when Kafka did not acknowledge every notice */
    private void send(ProgressNotices notices) {
        var sends = new ArrayList<CompletableFuture<SendResult<String, String>>>();
        for (Notice n : notices.all()) {
            var event = codec.create(EventTypes.PROGRESS_CHANGED, n.unitId, n.programId, n.programId, n.path,
                    n.otherUnits(), n.data());
            sends.add(kafka.send(EventRecords.of(Topics.PROGRAMS, event.partitionkey(), EventCodec.encode(event),
                    n.requestId)));
        }
        awaitAll(sends);
    }

    private static void awaitAll(List<CompletableFuture<SendResult<String, String>>> sends) {
        try {
            for (var send : sends) {
                send.get(ACK_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while announcing progress", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a progress notice", e);
        }
    }
}
