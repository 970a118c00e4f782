package io.minewatch.gateway.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.config.StorageConfig;
import io.minewatch.gateway.history.RollingUpStore;
import io.minewatch.gateway.history.RollupJob;
import io.minewatch.gateway.storage.InfluxDbStore;
import io.minewatch.gateway.storage.LocalStore;
import io.minewatch.gateway.storage.SpoolAlarmListener;
import io.minewatch.gateway.storage.StoreAndForward;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the configured store: InfluxDB behind the local store-and-forward spool when {@code storage.influxdb} is
 * set, the embedded local store otherwise.
 */
final class StoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    private StoreFactory() {
    }

    static TimeSeriesStore open(StorageConfig storage, RejectSink rejects, SpoolAlarmListener spoolAlarms,
            MeterRegistry metrics, Clock clock) throws StoreUnavailableException {
        return open(storage, rejects, spoolAlarms, metrics, clock, null);
    }

    /** As above; with {@code rollups}, every write to InfluxDB (live or forwarded from the spool) marks them. */
    static TimeSeriesStore open(StorageConfig storage, RejectSink rejects, SpoolAlarmListener spoolAlarms,
            MeterRegistry metrics, Clock clock, RollupJob rollups) throws StoreUnavailableException {
        if (storage.influxdb().isEmpty()) {
            return LocalStore.open(storage.local());
        }
        InfluxDbStore influx = new InfluxDbStore(storage.influxdb().get());
        try {
            influx.start();
        } catch (StoreUnavailableException e) {
            // Not fatal: readings go to the spool until InfluxDB answers, and the database is created then.
            LOG.warn("InfluxDB at {} is not reachable yet ({}); readings are spooled until it is",
                    storage.influxdb().get().url(), e.getMessage());
        }
        try {
            TimeSeriesStore target = rollups == null ? influx : new RollingUpStore(influx, rollups);
            return StoreAndForward.open(target, storage.local(), rejects, spoolAlarms, metrics, clock);
        } catch (StoreUnavailableException e) {
            influx.close();
            throw e;
        }
    }
}
