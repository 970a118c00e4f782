package io.minewatch.config;

import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.StorageConfig.LocalStoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what the service itself binds to and writes to: {@code http}, {@code storage}, {@code pipeline} and
 * {@code alarms}. Every key is optional; absent ones take the records' defaults.
 */
final class ServiceReader {

    /** Room for a few hundred batches: below that the spool would fill within seconds of an outage. */
    static final long MIN_SPOOL_BYTES = 16L << 20;

    private ServiceReader() {
    }

    static HttpConfig http(MappingReader http) {
        String bind = http.string("bind").orElse(HttpConfig.DEFAULT.bind());
        if (bind.isBlank()) {
            http.reject("bind", "an address to listen on, such as 127.0.0.1 or 0.0.0.0");
            bind = HttpConfig.DEFAULT.bind();
        }
        int port = http.integer("port", 0, 65_535).orElse(HttpConfig.DEFAULT.port());
        return new HttpConfig(bind.trim(), port);
    }

    /** {@code storage:}; absent local path: {@code data/} next to the configuration file. */
    static StorageConfig storage(Optional<MappingReader> storage, ParseContext context) {
        Optional<InfluxDbConfig> influx = storage.flatMap(s -> s.mapping("influxdb", "url", "database", "username",
                "password", "retention_policy", "batch_size", "flush_interval")).flatMap(ServiceReader::influxDb);
        Optional<MappingReader> local = storage.flatMap(s -> s.mapping("local", "path", "max_spool_bytes",
                "spool_high_water_percent", "forward_rate"));
        Path path = local.flatMap(l -> l.path("path",
                        "a directory (relative paths start at the configuration file's directory)"))
                .orElse(context.resolve("data"));
        long maxSpoolBytes = local.flatMap(l -> size(l, "max_spool_bytes", MIN_SPOOL_BYTES)).orElse(0L);
        int highWater = local.map(l -> l.integer("spool_high_water_percent", 1, 99).orElse(0)).orElse(0);
        int forwardRate = local.map(l -> l.integer("forward_rate", 1, 10_000_000).orElse(0)).orElse(0);
        return new StorageConfig(influx, new LocalStoreConfig(path, maxSpoolBytes, highWater, forwardRate));
    }

    /** A size (see {@link ByteSizes}) of at least {@code min} bytes. */
    private static Optional<Long> size(MappingReader mapping, String key, long min) {
        String expected = ByteSizes.EXPECTED.replaceFirst("^a size", "a size of at least " + ByteSizes.format(min));
        return mapping.scalar(key, expected).flatMap(s -> {
            OptionalLong bytes = ByteSizes.parse(s.text());
            if (bytes.isPresent() && bytes.getAsLong() >= min) {
                return Optional.of(bytes.getAsLong());
            }
            mapping.report(key, s, expected);
            return Optional.empty();
        });
    }

    private static Optional<InfluxDbConfig> influxDb(MappingReader influx) {
        Optional<URI> url = Optional.empty();
        if (influx.has("url")) {
            url = influx.uri("url", List.of("http", "https"), false);
        } else {
            influx.missing("url", "the InfluxDB 1.x HTTP API URL, such as http://127.0.0.1:8086 (required)");
        }
        Optional<String> database = influx.string("database");
        if (database.filter(String::isBlank).isPresent()) {
            influx.reject("database", "a database name");
        }
        String username = influx.string("username").orElse(null);
        String password = influx.string("password").orElse(null);
        String retentionPolicy = influx.string("retention_policy").orElse(null);
        int batchSize = influx.integer("batch_size", 1, 1_000_000).orElse(0);
        Duration flushInterval = influx.duration("flush_interval", true).orElse(null);
        return url.map(u -> new InfluxDbConfig(u, database.orElse(null), username, password, retentionPolicy,
                batchSize, flushInterval));
    }

    static PipelineConfig pipeline(MappingReader pipeline) {
        int eventLoops = pipeline.integer("event_loops", 1, 1024).orElse(0);
        int maxInFlight = pipeline.integer("max_in_flight", 1, 100_000_000).orElse(0);
        Duration maxFutureSkew = pipeline.duration("max_future_skew", false).orElse(null);
        return new PipelineConfig(eventLoops, maxInFlight, maxFutureSkew);
    }

    static AlarmOutputConfig alarms(MappingReader alarms) {
        Optional<URI> url = alarms.mapping("mqtt", "url").flatMap(mqtt -> {
            if (!mqtt.has("url")) {
                mqtt.missing("url", "the broker's URL, tcp://HOST:PORT or ssl://HOST:PORT (required)");
                return Optional.empty();
            }
            return mqtt.uri("url", CollectorsReader.MQTT_SCHEMES, true);
        });
        String prefix = alarms.string("topic_prefix").orElse(null);
        if (prefix != null && !validTopicPrefix(prefix)) {
            alarms.reject("topic_prefix", "MQTT topic levels without '+', '#', or a leading or trailing '/',"
                    + " such as minewatch/alarms");
            prefix = null;
        }
        return new AlarmOutputConfig(url, prefix);
    }

    private static boolean validTopicPrefix(String prefix) {
        return !prefix.isBlank() && !prefix.contains("+") && !prefix.contains("#") && !prefix.startsWith("/")
                && !prefix.endsWith("/") && !prefix.contains("//") && prefix.indexOf('\0') < 0;
    }
}
