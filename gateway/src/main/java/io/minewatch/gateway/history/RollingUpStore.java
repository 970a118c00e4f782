package io.minewatch.gateway.history;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.StoreRejectedException;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An InfluxDB store that tells the {@link RollupJob} which reading times each write touched. It wraps the InfluxDB
 * store itself, inside the store-and-forward spool, so that readings forwarded from the spool after an outage are
 * rolled up like live ones. A write that fails marks nothing; a rejected one (partly stored) marks its span.
 */
public final class RollingUpStore implements TimeSeriesStore {

    private final TimeSeriesStore target;
    private final RollupJob job;

    public RollingUpStore(TimeSeriesStore target, RollupJob job) {
        this.target = Objects.requireNonNull(target, "target");
        this.job = Objects.requireNonNull(job, "job");
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public void write(List<Reading> readings, List<AlarmEvent> events)
            throws StoreUnavailableException, StoreRejectedException {
        try {
            target.write(readings, events);
        } catch (StoreRejectedException partlyStored) {
            mark(readings);
            throw partlyStored;
        }
        mark(readings);
    }

    private void mark(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Reading reading : readings) {
            min = Math.min(min, reading.timestampMillis());
            max = Math.max(max, reading.timestampMillis());
        }
        job.touched(min, max);
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

    @Override
    public void close() {
        target.close();
    }
}
