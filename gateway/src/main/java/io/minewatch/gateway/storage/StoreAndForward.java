package io.minewatch.gateway.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.config.StorageConfig.LocalStoreConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * InfluxDB with a durable {@link Spool} in front of it: a write returns once its points are durable in one or the
 * other, so the MQTT messages they came from can be acknowledged even while InfluxDB is away.
 *
 * <pre>
 *  write ──▶ InfluxDB ──ok──▶ done
 *              └─unavailable──▶ spool.append (fsync) ──▶ done
 *                                  └─full──▶ StoreUnavailableException (not acknowledged; the writer retries)
 *  forwarder thread: spool (oldest first, ≤ forward rate) ──▶ InfluxDB ──ok──▶ removed from the spool
 * </pre>
 *
 * <p><b>Writes.</b> While InfluxDB answers, every batch goes straight to it, also while a backlog drains (live
 * readings keep flowing). A batch InfluxDB cannot take (unreachable, a timeout, a 5xx, or a refusal that is not the
 * points' fault, see {@link InfluxDbStore}) is appended to the spool instead and the write returns normally. Once an
 * outage is known, live batches go to the spool without trying InfluxDB, until the forwarder, which keeps trying with
 * {@link Backoff}, finds it back: a hung InfluxDB then costs one timeout, not one per batch. A batch InfluxDB refuses
 * as invalid throws {@link StoreRejectedException} unchanged, for the writer to isolate the bad points.
 *
 * <p><b>When the spool is full</b> and InfluxDB is still unavailable, the write throws
 * {@link StoreUnavailableException}: an acknowledged reading is never dropped, so the gateway stops acknowledging
 * instead. The writer retries the batch, the pipeline stops taking messages once its in-flight limit is reached, and
 * the broker holds the rest until InfluxDB takes points again. Before that, at the high-water mark, the
 * {@link SpoolAlarmListener} is told, for the gateway to raise an alarm about itself.
 *
 * <p><b>Reads.</b> {@link #history} and {@link #alarmEvents} are InfluxDB's: a spooled point shows there once it is
 * forwarded. {@link #isReachable()} is InfluxDB's.
 *
 * <p><b>Metrics.</b> Gauges {@code minewatch.spool.points}, {@code minewatch.spool.bytes},
 * {@code minewatch.spool.oldest.age} (seconds since the oldest waiting entry was appended; 0 when empty), counters
 * {@code minewatch.spool.appended} and {@code minewatch.spool.forwarded} (points).
 *
 * <p>{@link #start()} starts the forwarder; {@link #close()} stops it (within the close timeout), then closes the
 * spool and the target store.
 */
public final class StoreAndForward implements TimeSeriesStore {

    public static final String NAME = "influxdb+spool";

    /**
     * How the spool is drained and watched.
     *
     * @param forwardRate    most spooled points forwarded per second
     * @param chunkPoints    points forwarded per write
     * @param highWaterBytes spool bytes at which the alarm listener is told
     * @param backoff        delays between tries while the target is unavailable
     * @param closeTimeout   longest {@link #close()} waits for a forward under way
     */
    public record Settings(int forwardRate, int chunkPoints, long highWaterBytes, Backoff backoff,
            Duration closeTimeout) {

        public static final int DEFAULT_CHUNK_POINTS = 5_000;
        public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

        public Settings {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            if (forwardRate <= 0) {
                throw new IllegalArgumentException("forwardRate : " + forwardRate + " (expected: > 0)");
            }
            if (chunkPoints <= 0) {
                throw new IllegalArgumentException("chunkPoints : " + chunkPoints + " (expected: > 0)");
            }
        }

        /** The configured rate and high-water mark, with the default chunk, backoff and close timeout. */
        public static Settings of(LocalStoreConfig local) {
            return new Settings(local.forwardRate(), DEFAULT_CHUNK_POINTS, local.spoolHighWaterBytes(),
                    Backoff.DEFAULT, DEFAULT_CLOSE_TIMEOUT);
        }
    }

    private final TimeSeriesStore target;
    private final Spool spool;
    private final Settings settings;
    private final Clock clock;
    private final TargetOutage outage;
    private final SpoolLevels levels;
    private final SpoolForwarder forwarder;
    private final Counter appended;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Takes over {@code target} and {@code spool}: {@link #close()} closes both. Not started. */
    public StoreAndForward(TimeSeriesStore target, Spool spool, Settings settings, RejectSink rejects,
            SpoolAlarmListener alarms, MeterRegistry registry, Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rejects, "rejects");
        Objects.requireNonNull(registry, "registry");
        this.outage = new TargetOutage(target.name(), spool, clock);
        this.levels = new SpoolLevels(spool.file(), spool.maxBytes(), settings.highWaterBytes(),
                Objects.requireNonNull(alarms, "alarms"));
        this.appended = Counter.builder("minewatch.spool.appended")
                .description("Points appended to the spool while the store was unavailable").register(registry);
        Counter forwarded = Counter.builder("minewatch.spool.forwarded")
                .description("Spooled points the store has taken").register(registry);
        Gauge.builder("minewatch.spool.points", spool, Spool::points)
                .description("Points waiting in the spool").register(registry);
        Gauge.builder("minewatch.spool.bytes", spool, Spool::bytes).baseUnit("bytes")
                .description("Bytes the spool holds on disk").register(registry);
        Gauge.builder("minewatch.spool.oldest.age", this, s -> s.oldestAgeMillis() / 1000.0).baseUnit("seconds")
                .description("Time the oldest spooled point has waited").register(registry);
        // A chunk larger than a second's worth would forward in bursts above the rate, however right the average.
        int chunk = Math.min(settings.chunkPoints(), settings.forwardRate());
        this.forwarder = new SpoolForwarder(spool, target, outage, chunk, new TokenBucket(settings.forwardRate(),
                clock), settings.backoff(), rejects, clock, forwarded, levels::removed);
    }

    /**
     * Opens the spool in {@code local.path()} with the configured bound, rate and high-water mark, in front of
     * {@code target}. Not started.
     */
    public static StoreAndForward open(TimeSeriesStore target, LocalStoreConfig local, RejectSink rejects,
            SpoolAlarmListener alarms, MeterRegistry registry, Clock clock) throws StoreUnavailableException {
        Spool spool = Spool.open(local.path(), local.maxSpoolBytes(), clock);
        return new StoreAndForward(target, spool, Settings.of(local), rejects, alarms, registry, clock);
    }

    /** Starts forwarding (a backlog found on disk first), and reports a backlog above the high-water mark. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            levels.removed(spool.bytes());
            forwarder.start();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(List<Reading> readings, List<AlarmEvent> events)
            throws StoreUnavailableException, StoreRejectedException {
        if (readings.isEmpty() && events.isEmpty()) {
            return;
        }
        StoreUnavailableException cause;
        if (outage.isOn() && !spool.isEmpty()) {
            cause = null;
        } else {
            try {
                target.write(readings, events);
                return;
            } catch (StoreUnavailableException e) {
                outage.failed(e);
                cause = e;
            }
        }
        spoolBatch(readings, events, cause);
    }

    private void spoolBatch(List<Reading> readings, List<AlarmEvent> events, StoreUnavailableException cause)
            throws StoreUnavailableException {
        int points = readings.size() + events.size();
        String why = cause == null ? "store " + target.name() + " unavailable" : cause.getMessage();
        try {
            spool.append(readings, events);
        } catch (SpoolFullException full) {
            levels.refused(spool.bytes());
            throw new SpoolFullException(why + "; and " + full.getMessage()
                    + ": the batch stays unacknowledged until there is room", full);
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException(why + "; and " + e.getMessage(), e);
        }
        appended.increment(points);
        levels.taken(spool.bytes());
        forwarder.wakeUp();
    }

    @Override
    public List<HistoryPoint> history(Kind kind, String sensor, long fromMillis, long toMillis, Duration step)
            throws StoreUnavailableException {
        return target.history(kind, sensor, fromMillis, toMillis, step);
    }

    @Override
    public List<AlarmEvent> alarmEvents(String sensor, long fromMillis, long toMillis)
            throws StoreUnavailableException {
        return target.alarmEvents(sensor, fromMillis, toMillis);
    }

    @Override
    public boolean isReachable() {
        return target.isReachable();
    }

    /** The backlog, for health pages. */
    public SpoolStatus status() {
        return new SpoolStatus(spool.points(), spool.bytes(), spool.maxBytes(), oldestAgeMillis(), levels.level());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        forwarder.close(settings.closeTimeout());
        spool.close();
        target.close();
    }

    /** Runs one forwarding step on the caller's thread, for tests that drive the forwarder by hand. */
    SpoolForwarder.Step forwardOnce() {
        return forwarder.step();
    }

    private long oldestAgeMillis() {
        long oldest = spool.oldestAppendedAtMillis();
        return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest);
    }
}
