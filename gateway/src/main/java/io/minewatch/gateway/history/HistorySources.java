package io.minewatch.gateway.history;

import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.storage.LocalStore;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;

/** The history source that matches the configured store. */
public final class HistorySources {

    private HistorySources() {
    }

    /**
     * InfluxDB when the configuration names one, the embedded store's file when {@code store} is the embedded store
     * (or, without a store, when no InfluxDB is configured), and otherwise {@code store} itself, in windows.
     */
    public static HistorySource forConfig(MinewatchConfig config, TimeSeriesStore store, Clock clock) {
        if (config.storage().influxdb().isPresent()) {
            return new InfluxHistorySource(config.storage().influxdb().get(), clock);
        }
        if (store == null || store instanceof LocalStore) {
            return new LocalHistorySource(config.storage().local().path());
        }
        return new StoreHistorySource(store, Duration.ofHours(1));
    }
}
