package io.minewatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where readings and alarm events are kept. With {@code influxdb} absent the embedded local store serves history;
 * with it, the local directory holds the store-and-forward spool for InfluxDB outages. The local directory also holds
 * the dead-letter log.
 */
public record StorageConfig(Optional<InfluxDbConfig> influxdb, LocalStoreConfig local) {

    public StorageConfig {
        influxdb = influxdb == null ? Optional.empty() : influxdb;
        local = local == null ? LocalStoreConfig.DEFAULT : local;
    }

    /**
     * InfluxDB 1.x HTTP API.
     *
     * @param batchSize     points per write (default 5000)
     * @param flushInterval longest time a point waits for its batch (default 100 ms)
     */
    public record InfluxDbConfig(URI url, String database, String username, String password, String retentionPolicy,
            int batchSize, Duration flushInterval) {

        public InfluxDbConfig {
            Objects.requireNonNull(url, "url");
            database = database == null || database.isBlank() ? "minewatch" : database;
            retentionPolicy = retentionPolicy == null || retentionPolicy.isBlank() ? "autogen" : retentionPolicy;
            batchSize = batchSize <= 0 ? 5000 : batchSize;
            flushInterval = flushInterval == null ? Duration.ofMillis(100) : flushInterval;
        }
    }

    /**
     * The embedded store's directory (default {@code data/}) and, when InfluxDB is configured, the bounds of the
     * store-and-forward spool kept there ({@code spool.db}) while InfluxDB is unreachable.
     *
     * @param path                   directory of the embedded store, the spool and the dead-letter log
     * @param maxSpoolBytes          most bytes the spool may hold; when reached, the gateway stops acknowledging
     *                               readings until InfluxDB takes them (default 1 GiB; values &le; 0 take it)
     * @param spoolHighWaterPercent  spool fill, in percent of {@code maxSpoolBytes}, at which the gateway raises an
     *                               alarm about itself (default 80; values &le; 0 take it)
     * @param forwardRate            most spooled points per second forwarded to InfluxDB once it is back, beside the
     *                               live readings (default 20000; values &le; 0 take it)
     */
    public record LocalStoreConfig(Path path, long maxSpoolBytes, int spoolHighWaterPercent, int forwardRate) {

        public static final long DEFAULT_MAX_SPOOL_BYTES = 1L << 30;
        public static final int DEFAULT_SPOOL_HIGH_WATER_PERCENT = 80;
        public static final int DEFAULT_FORWARD_RATE = 20_000;
        public static final LocalStoreConfig DEFAULT = new LocalStoreConfig(Path.of("data"));

        public LocalStoreConfig {
            Objects.requireNonNull(path, "path");
            maxSpoolBytes = maxSpoolBytes <= 0 ? DEFAULT_MAX_SPOOL_BYTES : maxSpoolBytes;
            spoolHighWaterPercent = spoolHighWaterPercent <= 0 ? DEFAULT_SPOOL_HIGH_WATER_PERCENT
                    : spoolHighWaterPercent;
            forwardRate = forwardRate <= 0 ? DEFAULT_FORWARD_RATE : forwardRate;
            if (spoolHighWaterPercent >= 100) {
                throw new IllegalArgumentException("spoolHighWaterPercent : " + spoolHighWaterPercent
                        + " (expected: 1..99)");
            }
        }

        /** The directory with the spool's defaults. */
        public LocalStoreConfig(Path path) {
            this(path, 0, 0, 0);
        }

        public Path deadLetterLog() {
            return path.resolve("dead-letter.jsonl");
        }

        /** The spool fill at which the gateway raises its own alarm. */
        public long spoolHighWaterBytes() {
            return maxSpoolBytes / 100 * spoolHighWaterPercent + maxSpoolBytes % 100 * spoolHighWaterPercent / 100;
        }
    }
}
