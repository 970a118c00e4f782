package io.minewatch.gateway.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands readings and alarm events to a {@link TimeSeriesStore} in batches, on one writer thread, and tells each
 * submitter when its points are stored.
 *
 * <pre>
 *  event loops ──submit()──▶ queue ──▶ writer thread: batch (≤ batchSize points or flushInterval old)
 *                                          └─▶ store.write ──▶ onStored callbacks, in submission order
 * </pre>
 *
 * <p>A submission's {@code onStored} runs on the writer thread once every point of it is stored, or was refused by the
 * store as invalid and sent to the {@link RejectSink} ({@link RejectReason#STORE_REJECTED}). It is where the pipeline
 * acknowledges the MQTT messages the points came from; it must be quick and must not block.
 *
 * <p>Failures: when the store is unavailable, the same batch is retried with {@link Backoff} for as long as it takes
 * (logged once when the outage starts and once when it ends); nothing is dropped and no callback runs meanwhile. When
 * the store rejects a batch, the batch is halved until the invalid points are isolated; the valid ones are stored,
 * each invalid one goes to the reject sink, and the callbacks run, so one bad point cannot block the queue.
 *
 * <p>The queue is not bounded here: the pipeline bounds the messages in flight (not yet acknowledged) upstream, which
 * bounds this queue too, and a slow store slows intake through those unacknowledged messages.
 *
 * <p>{@link #close()} writes what is queued, waiting for it at most the close timeout; then it stops retrying an
 * unavailable store and lets a write already under way end (within the store's own timeout, and at most another close
 * timeout). Points still unstored are abandoned without running their callbacks, so their messages stay
 * unacknowledged and the broker delivers them again. It does not close the store.
 */
public final class StorageWriter implements AutoCloseable {

    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(StorageWriter.class);
    /** Wakes a writer waiting for a first submission when the writer closes; stores nothing. */
    private static final Submission WAKE_UP = new Submission(List.of(), List.of(), () -> { }, 0);

    private enum State { NEW, RUNNING, CLOSED }

    private record Submission(List<Reading> readings, List<AlarmEvent> events, Runnable onStored,
            long submittedAtMillis) {

        int points() {
            return readings.size() + events.size();
        }
    }

    /** Thrown inside the writer thread when {@link #close()} gives up on an unavailable store. */
    private static final class Abandoned extends Exception {

        Abandoned() {
            super(null, null, false, false);
        }
    }

    private final TimeSeriesStore store;
    private final int batchSize;
    private final long flushIntervalMillis;
    private final RejectSink rejects;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration closeTimeout;

    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedPoints = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch giveUp = new CountDownLatch(1);
    private final Counter written;
    private final Counter failures;
    private final Timer latency;
    private final Thread thread;
    private volatile boolean draining;

    // Only the writer thread touches these.
    private long outageStartedAtMillis = -1;
    private int rejectedInBatch;
    private String lastRejectReason;

    public StorageWriter(TimeSeriesStore store, int batchSize, Duration flushInterval, RejectSink rejects,
            MeterRegistry registry, Clock clock) {
        this(store, batchSize, flushInterval, rejects, registry, clock, Backoff.DEFAULT, DEFAULT_CLOSE_TIMEOUT);
    }

    public StorageWriter(TimeSeriesStore store, int batchSize, Duration flushInterval, RejectSink rejects,
            MeterRegistry registry, Clock clock, Backoff backoff, Duration closeTimeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.rejects = Objects.requireNonNull(rejects, "rejects");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize : " + batchSize + " (expected: > 0)");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval : " + flushInterval + " (expected: > 0)");
        }
        this.batchSize = batchSize;
        this.flushIntervalMillis = Math.max(1, flushInterval.toMillis());
        String name = store.name();
        this.written = Counter.builder("minewatch.storage.points.written").tag("store", name)
                .description("Points the store has taken").register(registry);
        this.failures = Counter.builder("minewatch.storage.write.failures").tag("store", name)
                .description("Writes the store did not take (unavailable or rejected)").register(registry);
        this.latency = Timer.builder("minewatch.storage.write.latency").tag("store", name)
                .description("Duration of successful writes").register(registry);
        Gauge.builder("minewatch.storage.queue.points", queuedPoints, AtomicLong::get).tag("store", name)
                .description("Points submitted and not yet stored").register(registry);
        this.thread = new Thread(this::run, "minewatch-storage-" + name);
        thread.setDaemon(true);
    }

    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("storage writer of store " + store.name() + " : " + state.get()
                    + " (expected: NEW)");
        }
        thread.start();
    }

    /**
     * Queues points for the store; never blocks. {@code onStored} runs on the writer thread once they are stored (or
     * rejected as invalid); it also runs, in order, for a submission without points. The lists are copied.
     *
     * @throws IllegalStateException when the writer is not started or already closed
     */
    public void submit(List<Reading> readings, List<AlarmEvent> events, Runnable onStored) {
        Objects.requireNonNull(onStored, "onStored");
        Submission submission = new Submission(List.copyOf(readings), List.copyOf(events), onStored, clock.millis());
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException("storage writer of store " + store.name() + " : " + state.get()
                    + " (expected: RUNNING)");
        }
        queuedPoints.addAndGet(submission.points());
        queue.add(submission);
    }

    /** Points submitted and not yet stored or rejected. */
    public long queuedPoints() {
        return queuedPoints.get();
    }

    @Override
    public void close() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous != State.RUNNING) {
            return;
        }
        draining = true;
        queue.add(WAKE_UP);
        try {
            thread.join(closeTimeout.toMillis());
            if (thread.isAlive()) {
                giveUp.countDown();
                // A write under way still ends within the store's own timeout.
                thread.join(closeTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            giveUp.countDown();
            Thread.currentThread().interrupt();
        }
        long left = queuedPoints.get();
        if (left > 0) {
            LOG.warn("Storage writer of store {} closed with {} points not stored; their messages stay "
                    + "unacknowledged and will be delivered again", store.name(), left);
        }
    }

    private void run() {
        try {
            for (List<Submission> batch = nextBatch(); batch != null; batch = nextBatch()) {
                flush(batch);
            }
        } catch (Abandoned e) {
            LOG.warn("Storage writer of store {} gave up waiting for the store after {}", store.name(), closeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Storage writer of store {} stopped by an unexpected failure", store.name(), e);
        }
    }

    /** The next submissions to write together, or null once closed and drained. */
    private List<Submission> nextBatch() throws InterruptedException {
        Submission first = draining ? queue.poll() : queue.take();
        if (first == null) {
            return null;
        }
        List<Submission> batch = new ArrayList<>();
        batch.add(first);
        long points = first.points();
        long deadline = first.submittedAtMillis() + flushIntervalMillis;
        while (points < batchSize) {
            Submission next = queue.poll();
            if (next == null) {
                long wait = deadline - clock.millis();
                if (draining || wait <= 0) {
                    break;
                }
                next = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
            }
            batch.add(next);
            points += next.points();
        }
        return batch;
    }

    private void flush(List<Submission> batch) throws Abandoned {
        List<Reading> readings = new ArrayList<>();
        List<AlarmEvent> events = new ArrayList<>();
        for (Submission submission : batch) {
            readings.addAll(submission.readings());
            events.addAll(submission.events());
        }
        PointChunk all = new PointChunk(readings, events);
        rejectedInBatch = 0;
        for (int from = 0; from < all.size(); from += batchSize) {
            store(all.slice(from, Math.min(all.size(), from + batchSize)));
        }
        if (rejectedInBatch > 0) {
            LOG.warn("Store {} rejected {} of {} points, sent to the reject sink; last reason: {}", store.name(),
                    rejectedInBatch, all.size(), lastRejectReason);
        }
        for (Submission submission : batch) {
            queuedPoints.addAndGet(-submission.points());
            try {
                submission.onStored().run();
            } catch (RuntimeException e) {
                LOG.error("Storage writer of store {}: an onStored callback failed", store.name(), e);
            }
        }
    }

    /** Stores a chunk, halving it on rejection until every invalid point is alone and can be set aside. */
    private void store(PointChunk chunk) throws Abandoned {
        PointIsolation.store(chunk, this::writeUntilAnswered, this::reject);
    }

    /** Writes until the store either takes the chunk or refuses it as invalid; waits out any outage. */
    private void writeUntilAnswered(PointChunk chunk) throws StoreRejectedException, Abandoned {
        Duration delay = backoff.initial();
        while (true) {
            Timer.Sample sample = Timer.start(registry);
            try {
                store.write(chunk.readings(), chunk.events());
                sample.stop(latency);
                written.increment(chunk.size());
                outageOver();
                return;
            } catch (StoreUnavailableException e) {
                failures.increment();
                outageGoesOn(e);
            } catch (StoreRejectedException e) {
                failures.increment();
                outageOver();
                throw e;
            } catch (RuntimeException e) {
                // A defect in a store, not an outage: retrying would block every later point behind this one.
                failures.increment();
                LOG.error("Store {} failed on a write of {} points", store.name(), chunk.size(), e);
                throw new StoreRejectedException("store failure: " + e, e);
            }
            try {
                if (giveUp.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new Abandoned();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Abandoned();
            }
            delay = backoff.next(delay);
        }
    }

    private void reject(PointChunk single, String reason) {
        rejectedInBatch++;
        lastRejectReason = reason;
        try {
            rejects.reject(PointIsolation.rejection(store.name(), single, reason, clock.millis()));
        } catch (RuntimeException e) {
            LOG.error("Storage writer of store {}: the reject sink failed", store.name(), e);
        }
    }

    private void outageGoesOn(StoreUnavailableException e) {
        if (outageStartedAtMillis < 0) {
            outageStartedAtMillis = clock.millis();
            LOG.warn("Store {} unavailable, holding {} points and retrying until it is back: {}", store.name(),
                    queuedPoints.get(), e.getMessage());
        }
    }

    private void outageOver() {
        if (outageStartedAtMillis >= 0) {
            LOG.info("Store {} available again after {} ms; {} points held meanwhile are being written",
                    store.name(), clock.millis() - outageStartedAtMillis, queuedPoints.get());
            outageStartedAtMillis = -1;
        }
    }
}
