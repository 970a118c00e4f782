package io.minewatch.gateway.storage;

import io.micrometer.core.instrument.Counter;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the {@link Spool} into the target store on a thread of its own: the oldest entries first, a chunk at a time,
 * no faster than the {@link TokenBucket} lets it, and each chunk removed from the spool only once the target took it.
 *
 * <p>When the target is unavailable it backs off ({@link Backoff}) and tries the same chunk again; the live writes of
 * {@link StoreAndForward} meanwhile go to the spool. A chunk the target refuses as invalid is halved until the invalid
 * points are isolated ({@link PointIsolation}, as {@link StorageWriter} does): they go to the {@link RejectSink} and
 * the rest is forwarded. If the target becomes unavailable halfway through that, the chunk is tried again whole later,
 * and a point refused the first time may reach the dead-letter log twice.
 *
 * <p>An entry the spool cannot decode is moved aside within the spool file and reported to the reject sink as
 * {@link RejectReason#INTERNAL_ERROR}, so it cannot block the entries behind it.
 */
final class SpoolForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolForwarder.class);
    /** A safety net only: an append wakes the forwarder at once. */
    private static final long IDLE_POLL_MILLIS = 1_000;

    enum Outcome { IDLE, THROTTLED, FORWARDED, UNAVAILABLE }

    /** What one {@link #step()} did; {@code waitMillis} is how long to wait when throttled. */
    record Step(Outcome outcome, int points, long waitMillis) {

        static final Step IDLE = new Step(Outcome.IDLE, 0, 0);
        static final Step UNAVAILABLE = new Step(Outcome.UNAVAILABLE, 0, 0);
    }

    private final Spool spool;
    private final TimeSeriesStore target;
    private final TargetOutage outage;
    private final int chunkPoints;
    private final TokenBucket bucket;
    private final Backoff backoff;
    private final RejectSink rejects;
    private final Clock clock;
    private final Counter forwarded;
    private final LongConsumer afterRemoval;
    private final Thread thread;
    private final Semaphore work = new Semaphore(0);
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean stopping;

    /** @param afterRemoval told the spool's bytes after each removal */
    SpoolForwarder(Spool spool, TimeSeriesStore target, TargetOutage outage, int chunkPoints, TokenBucket bucket,
            Backoff backoff, RejectSink rejects, Clock clock, Counter forwarded, LongConsumer afterRemoval) {
        if (chunkPoints <= 0) {
            throw new IllegalArgumentException("chunkPoints : " + chunkPoints + " (expected: > 0)");
        }
        this.spool = spool;
        this.target = target;
        this.outage = outage;
        this.chunkPoints = chunkPoints;
        this.bucket = bucket;
        this.backoff = backoff;
        this.rejects = rejects;
        this.clock = clock;
        this.forwarded = forwarded;
        this.afterRemoval = afterRemoval;
        this.thread = new Thread(this::run, "minewatch-spool-forwarder");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** There is something new in the spool: an idle forwarder looks at once. */
    void wakeUp() {
        if (work.availablePermits() == 0) {
            work.release();
        }
    }

    /** Forwards at most one chunk, or says why not. Called by the forwarder's thread, or directly by tests. */
    Step step() {
        if (spool.isEmpty()) {
            return Step.IDLE;
        }
        long wait = bucket.millisUntil(chunkPoints);
        if (wait > 0) {
            return new Step(Outcome.THROTTLED, 0, wait);
        }
        List<SpoolEntry> entries;
        try {
            entries = spool.peek(chunkPoints);
        } catch (UnreadableSpoolEntryException e) {
            return setAside(e);
        } catch (StoreUnavailableException e) {
            LOG.warn("Spool {} cannot be read, trying again: {}", spool.file(), e.getMessage());
            return Step.UNAVAILABLE;
        }
        if (entries.isEmpty()) {
            return Step.IDLE;
        }
        PointChunk chunk = join(entries);
        int refused;
        try {
            refused = PointIsolation.store(chunk, this::write, this::refuse);
        } catch (StoreUnavailableException e) {
            outage.failed(e);
            return Step.UNAVAILABLE;
        }
        outage.answered();
        bucket.take(chunk.size());
        if (refused > 0) {
            LOG.warn("Store {} refused {} of {} spooled points, sent to the reject sink", target.name(), refused,
                    chunk.size());
        }
        try {
            spool.removeThrough(entries.get(entries.size() - 1).id());
        } catch (StoreUnavailableException e) {
            // Forwarded but still spooled: forwarding it again later is harmless (writes are idempotent).
            LOG.warn("Spool {} kept {} forwarded points: {}", spool.file(), chunk.size(), e.getMessage());
            return Step.UNAVAILABLE;
        }
        forwarded.increment(chunk.size() - refused);
        afterRemoval.accept(spool.bytes());
        return new Step(Outcome.FORWARDED, chunk.size(), 0);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Stops the thread, waiting for it at most {@code timeout} (a write under way ends within its own timeout). */
    void close(Duration timeout) {
        stopping = true;
        stop.countDown();
        work.release();
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Spool forwarder still in a write to store {} after {}; left to end on its own, the chunk"
                    + " stays spooled", target.name(), timeout);
        }
    }

    private void run() {
        Duration delay = backoff.initial();
        while (!stopping) {
            Step step;
            try {
                step = step();
            } catch (RuntimeException e) {
                LOG.error("Spool forwarder of {}: unexpected failure, trying again", spool.file(), e);
                step = Step.UNAVAILABLE;
            }
            switch (step.outcome()) {
                case FORWARDED -> delay = backoff.initial();
                case IDLE -> awaitWork();
                case THROTTLED -> pause(step.waitMillis());
                case UNAVAILABLE -> {
                    pause(delay.toMillis());
                    delay = backoff.next(delay);
                }
            }
        }
    }

    private void write(PointChunk chunk) throws StoreUnavailableException, StoreRejectedException {
        try {
            target.write(chunk.readings(), chunk.events());
        } catch (RuntimeException e) {
            // A defect of the store, not an outage: retrying would block every spooled point behind this one.
            LOG.error("Store {} failed on a write of {} spooled points", target.name(), chunk.size(), e);
            throw new StoreRejectedException("store failure: " + e, e);
        }
    }

    private void refuse(PointChunk single, String reason) {
        try {
            rejects.reject(PointIsolation.rejection(target.name(), single, reason, clock.millis()));
        } catch (RuntimeException e) {
            LOG.error("Spool forwarder: the reject sink failed", e);
        }
    }

    private Step setAside(UnreadableSpoolEntryException e) {
        LOG.error("Spool {}: {}; moved to its table 'unreadable'", spool.file(), e.getMessage());
        try {
            spool.setAside(e.entryId(), e.getMessage());
        } catch (StoreUnavailableException failed) {
            LOG.warn("Spool {} could not set entry {} aside: {}", spool.file(), e.entryId(), failed.getMessage());
            return Step.UNAVAILABLE;
        }
        try {
            rejects.reject(new Rejection(RejectReason.INTERNAL_ERROR, e.getMessage(), "spool:" + spool.file(), null,
                    "entry " + e.entryId() + " kept in table 'unreadable' of " + spool.file(), clock.millis()));
        } catch (RuntimeException failed) {
            LOG.error("Spool forwarder: the reject sink failed", failed);
        }
        afterRemoval.accept(spool.bytes());
        return new Step(Outcome.FORWARDED, 0, 0);
    }

    private void awaitWork() {
        try {
            work.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            work.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void pause(long millis) {
        try {
            stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static PointChunk join(List<SpoolEntry> entries) {
        if (entries.size() == 1) {
            return new PointChunk(entries.get(0).readings(), entries.get(0).events());
        }
        List<Reading> readings = new ArrayList<>();
        List<AlarmEvent> events = new ArrayList<>();
        for (SpoolEntry entry : entries) {
            readings.addAll(entry.readings());
            events.addAll(entry.events());
        }
        return new PointChunk(readings, events);
    }
}
