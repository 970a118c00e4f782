package io.minewatch.gateway.history;

import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.storage.InfluxQl;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads {@code sensors} CH4 sensors at 1 s for up to {@code days} days into InfluxDB (database {@code minewatch_bench})
 * with {@link HistoryLoader}, rolling each day up as it completes, then times, three runs each: (a) one sensor
 * aggregated over the whole loaded period with the automatic step, (b) every sensor likewise, (c) one sensor raw for
 * one hour. Not part of any suite: {@code scripts/bench-history}.
 * Arguments: {@code URL [sensors=100] [days=30] [mode=yes|load|no] [loadBudgetSeconds=2100]}; {@code load} only
 * loads, {@code no} only queries (the loaded period is read from the hour rollup).
 */
public final class HistoryBenchmark {

    private static final long DAY = HistoryLoader.DAY;

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8086");
        int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String mode = args.length > 3 ? args[3] : "yes";
        double budget = args.length > 4 ? Double.parseDouble(args[4]) : 2100;
        InfluxDbConfig config = new InfluxDbConfig(url, "minewatch_bench", null, null, null, 0, null);
        InfluxHistorySource source = new InfluxHistorySource(config, Clock.systemUTC());
        long to = (System.currentTimeMillis() / DAY - 1) * DAY;
        long from = to - days * DAY;
        if (!"no".equals(mode)) {
            new InfluxHttp(config, Duration.ofSeconds(30)).execute("CREATE DATABASE "
                    + InfluxQl.identifier(config.database()));
            HistoryLoader.Result r = new HistoryLoader(url, config.database(), sensors, source.rollups())
                    .load(from, days, budget);
            System.out.printf("load: %d days x %d sensors at 1 s = %d points in %.1f s (%.0f points/s)%n",
                    r.days(), sensors, r.points(), r.loadSeconds(), r.points() / r.loadSeconds());
            System.out.printf("rollups (1m, 10m, 1h, one day per statement, during the load): %.1f s in total, "
                    + "%.1f s after the last day was loaded%n", r.rollupSeconds(), r.rollupTailSeconds());
            to = from + r.days() * DAY;
        } else {
            long[] span = loadedSpan(config);
            from = span[0];
            to = span[1];
        }
        if ("load".equals(mode)) {
            return;
        }
        System.out.printf("period: %s .. %s (%d days), %d sensors%n", Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to), (to - from) / DAY, sensors);
        HistoryService history = new HistoryService(source, new StepPolicy(StepPolicy.DEFAULT_MAX_POINTS));
        List<SensorSeries> one = List.of(new SensorSeries("BENCH-CH4-0", Kind.CH4));
        List<SensorSeries> all = new ArrayList<>();
        for (int s = 0; s < sensors; s++) {
            all.add(new SensorSeries("BENCH-CH4-" + s, Kind.CH4));
        }
        long hour = to - DAY / 2;
        long[][] times = new long[3][3];
        for (int round = 0; round < 3; round++) {
            times[0][round] = time(history, one, from, to, false, "(a) 1 sensor aggregated, auto step");
            times[1][round] = time(history, all, from, to, false, "(b) " + sensors + " sensors aggregated, auto step");
            times[2][round] = time(history, one, hour, hour + 3_600_000L, true, "(c) 1 sensor raw, 1 hour");
        }
        String[] names = {"(a) 1 sensor aggregated", "(b) " + sensors + " sensors aggregated", "(c) 1 sensor raw 1 h"};
        for (int i = 0; i < 3; i++) {
            long[] t = times[i].clone();
            Arrays.sort(t);
            System.out.printf("%-28s min %d ms, median %d ms, max %d ms%n", names[i], t[0], t[1], t[2]);
        }
    }

    /** The first and the end of the last hour of the hour rollup of BENCH-CH4-0. */
    private static long[] loadedSpan(InfluxDbConfig config) throws Exception {
        InfluxHttp http = new InfluxHttp(config, Duration.ofMinutes(1));
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (String f : List.of("first", "last")) {
            http.select("SELECT " + f + "(\"count\") FROM \"rollup_1h\" WHERE \"sensor\" = 'BENCH-CH4-0'",
                    (name, row) -> {
                        long t = ((Number) row.get(0)).longValue();
                        span[0] = Math.min(span[0], t);
                        span[1] = Math.max(span[1], t + 3_600_000L);
                    });
        }
        if (span[0] == Long.MAX_VALUE) {
            throw new IllegalStateException("nothing loaded in minewatch_bench (no hour rollup)");
        }
        return span;
    }

    private static long time(HistoryService history, List<SensorSeries> series, long from, long to, boolean raw,
            String what) throws Exception {
        long started = System.nanoTime();
        HistoryQuery query = history.plan(series, from, to, null, raw);
        long[] points = {0};
        history.run(query, new CsvHistoryOutput(OutputStream.nullOutputStream()), (i, t) -> points[0]++);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%s over %.1f days (step %s): %d points in %d ms%n", what, (to - from) / (double) DAY,
                query.resolution().isRaw() ? "raw" : query.resolution().step(), points[0], millis);
        return millis;
    }
}
