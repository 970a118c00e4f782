package io.minewatch.gateway.service;

import io.minewatch.config.StorageConfig;
import io.minewatch.gateway.storage.InfluxDbStore;
import io.minewatch.gateway.storage.LocalStore;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.storage.TimeSeriesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the configured store: InfluxDB when {@code storage.influxdb} is set, the embedded local store otherwise. */
final class StoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    private StoreFactory() {
    }

    static TimeSeriesStore open(StorageConfig storage) throws StoreUnavailableException {
        if (storage.influxdb().isEmpty()) {
            return LocalStore.open(storage.local());
        }
        InfluxDbStore influx = new InfluxDbStore(storage.influxdb().get());
        try {
            influx.start();
        } catch (StoreUnavailableException e) {
            // Not fatal: the writer retries until InfluxDB answers, and creates the database then.
            LOG.warn("InfluxDB at {} is not reachable yet ({}); readings wait until it is",
                    storage.influxdb().get().url(), e.getMessage());
        }
        return influx;
    }
}
