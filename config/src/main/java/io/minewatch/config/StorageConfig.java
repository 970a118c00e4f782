package io.minewatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where readings and alarm events are kept. With {@code influxdb} absent the embedded local store serves history;
 * the local directory also holds the dead-letter log.
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

    /** The embedded store's directory (default {@code data/}). */
    public record LocalStoreConfig(Path path) {

        public static final LocalStoreConfig DEFAULT = new LocalStoreConfig(Path.of("data"));

        public LocalStoreConfig {
            Objects.requireNonNull(path, "path");
        }

        public Path deadLetterLog() {
            return path.resolve("dead-letter.jsonl");
        }
    }
}
