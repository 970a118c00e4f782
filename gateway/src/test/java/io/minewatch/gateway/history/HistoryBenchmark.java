package io.minewatch.gateway.history;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.storage.InfluxDbStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code sensors} CH4 sensors at 1 s for {@code days} days into InfluxDB (database {@code minewatch_bench}),
 * rolls them up, and times aggregated month-scale queries. Not part of any suite: {@code scripts/bench-history}.
 * Arguments: {@code URL [sensors=100] [days=30] [load=yes|no|rollup]} ({@code rollup}: only build the rollups of
 * what is loaded, then query).
 */
public final class HistoryBenchmark {

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8086");
        int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String mode = args.length > 3 ? args[3] : "yes";
        boolean load = "yes".equals(mode);
        long day = 86_400_000L;
        long to = (System.currentTimeMillis() / day - 1) * day;
        long from = to - days * day;
        InfluxDbConfig config = new InfluxDbConfig(url, "minewatch_bench", null, null, null, 0, null);
        InfluxHistorySource source = new InfluxHistorySource(config, Clock.systemUTC());
        if (load) {
            try (InfluxDbStore store = new InfluxDbStore(config, Duration.ofSeconds(2), Duration.ofSeconds(120))) {
                store.start();
                long started = System.nanoTime();
                long points = 0;
                List<Reading> batch = new ArrayList<>(50_000);
                for (long t = from; t < to; t += 1_000) {
                    for (int s = 0; s < sensors; s++) {
                        double value = 0.3 + 0.2 * Math.sin((t / 60_000.0 + s) / 50.0) + (t / 1000 % 7) / 100.0;
                        batch.add(new Reading("CM01", "BENCH-CH4-" + s, Kind.CH4, value, t, Quality.GOOD, true, t));
                    }
                    if (batch.size() >= 50_000) {
                        store.write(batch, List.of());
                        points += batch.size();
                        batch.clear();
                    }
                    if ((t - from) % day == 0) {
                        System.err.printf("loaded %d points, %.0f points/s%n", points,
                                points / ((System.nanoTime() - started) / 1e9));
                    }
                }
                store.write(batch, List.of());
                points += batch.size();
                double loadSeconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("load: %d points in %.1f s (%.0f points/s)%n", points, loadSeconds,
                        points / loadSeconds);
                started = System.nanoTime();
                source.rollups().rebuild(from, to);
                System.out.printf("rollups (1m, 10m, 1h) built in %.1f s%n", (System.nanoTime() - started) / 1e9);
            }
        }
        if ("rollup".equals(mode)) {
            long started = System.nanoTime();
            source.rollups().rebuild(from, to);
            System.out.printf("rollups (1m, 10m, 1h) built in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        HistoryService history = new HistoryService(source, new StepPolicy(StepPolicy.DEFAULT_MAX_POINTS));
        for (int round = 0; round < 3; round++) {
            time(history, List.of(new SensorSeries("BENCH-CH4-0", Kind.CH4)), from, to, "1 sensor, auto step");
            List<SensorSeries> all = new ArrayList<>();
            for (int s = 0; s < sensors; s++) {
                all.add(new SensorSeries("BENCH-CH4-" + s, Kind.CH4));
            }
            time(history, all, from, to, sensors + " sensors, auto step");
        }
    }

    private static void time(HistoryService history, List<SensorSeries> series, long from, long to, String what)
            throws Exception {
        long started = System.nanoTime();
        HistoryQuery query = history.plan(series, from, to, null, false);
        long[] points = {0};
        history.run(query, new CsvHistoryOutput(java.io.OutputStream.nullOutputStream()), (i, t) -> points[0]++);
        System.out.printf("aggregated %s over %d days (step %s): %d points in %d ms%n", what,
                (to - from) / 86_400_000L, query.resolution().step(), points[0],
                (System.nanoTime() - started) / 1_000_000);
    }
}
