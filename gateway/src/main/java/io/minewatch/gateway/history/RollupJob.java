package io.minewatch.gateway.history;

import io.minewatch.gateway.history.InfluxRollups.Tier;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link InfluxRollups} up to date: writes to InfluxDB mark the span of reading times they touched
 * ({@link #touched}), and every few seconds the job rolls up the intervals of that span that are closed, finest tier
 * first. An interval is closed once the clock is {@link #GRACE} past its end; an open one stays marked until then, so
 * every interval is normally rolled up once, shortly after it ends, and again only when late readings (a spool
 * forwarded after an outage, a redelivery) land in it.
 *
 * <p>At start the job takes up where the rollups end, or, when there are none yet, at the oldest raw reading, so a
 * crash or an upgrade leaves no interval out; it rolls up one day per statement, so a long backlog is caught up in
 * the background while queries use raw points where rollups are missing.
 */
public final class RollupJob implements AutoCloseable {

    static final Duration PERIOD = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(RollupJob.class);
    private static final long CLEAN = Long.MAX_VALUE;

    private final InfluxRollups rollups;
    private final Clock clock;
    private final long[] dirtyFrom = new long[Tier.values().length];
    private final long[] dirtyTo = new long[Tier.values().length];
    private boolean caughtUp;
    private ScheduledFuture<?> task;

    public RollupJob(InfluxRollups rollups, Clock clock) {
        this.rollups = Objects.requireNonNull(rollups, "rollups");
        this.clock = Objects.requireNonNull(clock, "clock");
        java.util.Arrays.fill(dirtyFrom, CLEAN);
        java.util.Arrays.fill(dirtyTo, Long.MIN_VALUE);
    }

    /** Runs {@link #runOnce} every {@link #PERIOD} on {@code scheduler}. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        task = scheduler.scheduleWithFixedDelay(this::runSafely, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Marks reading times {@code [minMillis, maxMillis]} as written: their intervals are rolled up (again). */
    public synchronized void touched(long minMillis, long maxMillis) {
        dirtyFrom[0] = Math.min(dirtyFrom[0], minMillis);
        dirtyTo[0] = Math.max(dirtyTo[0], maxMillis);
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (StoreUnavailableException e) {
            LOG.warn("Rollups not brought up to date, retried in {}: {}", PERIOD, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Rollup job failed, retried in {}", PERIOD, e);
        }
    }

    /** One pass: catches up after a start once, then rolls up every closed interval marked since. */
    synchronized void runOnce() throws StoreUnavailableException {
        long now = clock.millis();
        if (!caughtUp) {
            OptionalLong latest = rollups.latest(Tier.MINUTE);
            OptionalLong start = latest.isPresent() ? latest : rollups.oldestRaw();
            if (start.isPresent()) {
                touched(start.getAsLong(), now);
                LOG.info("Rollups brought up to date from {}", java.time.Instant.ofEpochMilli(start.getAsLong()));
            }
            caughtUp = true;
        }
        long frontier = now - GRACE.toMillis();
        for (Tier tier : Tier.values()) {
            int i = tier.ordinal();
            if (dirtyFrom[i] == CLEAN) {
                continue;
            }
            long from = tier.floor(dirtyFrom[i]);
            long to = tier.floor(frontier);
            if (from >= to) {
                continue;
            }
            rollups.rollUp(tier, from, Math.min(to, tier.ceil(dirtyTo[i] + 1)));
            if (i + 1 < dirtyFrom.length) {
                dirtyFrom[i + 1] = Math.min(dirtyFrom[i + 1], from);
                dirtyTo[i + 1] = Math.max(dirtyTo[i + 1], Math.min(to, tier.ceil(dirtyTo[i] + 1)) - 1);
            }
            if (dirtyTo[i] >= to) {
                dirtyFrom[i] = to;
            } else {
                dirtyFrom[i] = CLEAN;
                dirtyTo[i] = Long.MIN_VALUE;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
