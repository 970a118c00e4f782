package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.fault.InfluxServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The writer in front of a real InfluxDB: a point InfluxDB refuses, and an outage of InfluxDB itself. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StorageWriterInfluxDbIT {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<String> stored = new CopyOnWriteArrayList<>();

    private static String database() {
        return "minewatch_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static InfluxDbConfig config(String url, String database) {
        return new InfluxDbConfig(URI.create(url), database, null, null, null, 0, null);
    }

    private StorageWriter writer(TimeSeriesStore store) {
        return new StorageWriter(store, 100, Duration.ofMillis(20), rejections::add, registry, Clock.systemUTC(),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)), Duration.ofSeconds(10));
    }

    private static List<Reading> readings(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> ch4("CM01-CH4-T1", T0 + i * 1000L, 0.1 + i / 100.0)).toList();
    }

    @Test
    void storesTheValidNeighboursOfAPointInfluxDbRefusesAndSetsThatPointAside() throws Exception {
        String url = System.getenv("MINEWATCH_IT_INFLUXDB");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MINEWATCH_IT_INFLUXDB is not set: export the URL of an InfluxDB 1.x, "
                    + "e.g. http://127.0.0.1:28086, or run scripts/test, which starts one");
        }
        String database = database();
        try (InfluxDB raw = InfluxDBFactory.connect(url); InfluxDbStore store = new InfluxDbStore(config(url, database))) {
            store.start();
            // "dust" takes strings in this shard from now on: a float dust reading is a field type conflict.
            raw.write(database, "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                    "dust,site=CM01,sensor=D0 value=\"clogged\" " + T0);
            List<Reading> batch = new ArrayList<>(readings(0, 20));
            Reading conflicting = Samples.reading(Kind.DUST, "CM01-DUST-1", T0 + 5000, 3.2);
            batch.add(7, conflicting);
            StorageWriter writer = writer(store);
            writer.start();
            try {
                writer.submit(batch, List.of(), () -> stored.add("batch"));

                await().atMost(Duration.ofSeconds(30)).until(() -> stored.size() == 1);
            } finally {
                writer.close();
            }

            assertThat(store.history(Kind.CH4, "CM01-CH4-T1", T0, T0 + 60_000, null)).hasSize(20);
            assertThat(rejections).singleElement().satisfies(rejection -> {
                assertThat(rejection.reason()).isEqualTo(RejectReason.STORE_REJECTED);
                assertThat(rejection.detail()).contains("field type conflict");
                assertThat(rejection.excerpt()).contains("CM01-DUST-1");
            });
        } finally {
            try (InfluxDB raw = InfluxDBFactory.connect(url)) {
                raw.query(new Query("DROP DATABASE \"" + database + "\"", null, true));
            }
        }
    }

    @Test
    void holdsPointsThroughAnInfluxDbOutageAndStoresThemAllWhenItIsBack(@TempDir Path directory) throws Exception {
        try (InfluxServer influxd = new InfluxServer(directory)) {
            influxd.start();
            InfluxDbStore store = new InfluxDbStore(config(influxd.url(), database()));
            StorageWriter writer = writer(store);
            writer.start();
            try {
                writer.submit(readings(0, 10), List.of(), () -> stored.add("before"));
                await().atMost(Duration.ofSeconds(30)).until(() -> stored.size() == 1);

                influxd.stop();
                writer.submit(readings(10, 20), List.of(), () -> stored.add("during"));
                await().atMost(Duration.ofSeconds(30)).until(() -> failures() >= 3);
                assertThat(stored).containsExactly("before");
                assertThat(store.isReachable()).isFalse();
                assertThat(writer.queuedPoints()).isEqualTo(10);

                influxd.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> stored.size() == 2);
            } finally {
                writer.close();
            }

            assertThat(stored).containsExactly("before", "during");
            assertThat(store.history(Kind.CH4, "CM01-CH4-T1", T0, T0 + 60_000, null))
                    .extracting(HistoryPoint::timestampMillis)
                    .containsExactlyElementsOf(readings(0, 20).stream().map(Reading::timestampMillis).toList());
            assertThat(rejections).isEmpty();
            store.close();
        }
    }

    private double failures() {
        return registry.get("minewatch.storage.write.failures").tag("store", "influxdb").counter().count();
    }
}
