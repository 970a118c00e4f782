package io.minewatch.gateway.history;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.gateway.history.InfluxRollups.Tier;
import io.minewatch.gateway.storage.InfluxQl;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * History out of InfluxDB, streamed with chunked queries. An aggregated query reads the coarsest rollup of
 * {@link InfluxRollups} whose interval divides the step, up to where that rollup is complete, then finer rollups, then
 * raw points for the last minutes; partials of one step are joined by {@link StepMerger}. Steps finer than a minute,
 * or not a multiple of one, aggregate raw points.
 */
public final class InfluxHistorySource implements HistorySource {

    /** How long one history query may run in InfluxDB: a year of raw points for export is long. */
    static final Duration QUERY_TIMEOUT = Duration.ofMinutes(30);

    private final InfluxHttp http;
    private final String retentionPolicy;
    private final InfluxRollups rollups;

    public InfluxHistorySource(InfluxDbConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        this.http = new InfluxHttp(config, QUERY_TIMEOUT);
        this.retentionPolicy = config.retentionPolicy();
        this.rollups = new InfluxRollups(http, retentionPolicy, clock);
    }

    public InfluxRollups rollups() {
        return rollups;
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public void raw(SensorSeries series, long fromMillis, long toMillis, ReadingSink sink)
            throws StoreUnavailableException, IOException {
        String query = "SELECT \"value\", \"quality\", \"site\" FROM " + source(series.kind().id())
                + " WHERE \"sensor\" = " + InfluxQl.stringLiteral(series.sensor()) + range(fromMillis, toMillis);
        http.select(query, (name, row) -> {
            if (row.size() >= 4 && row.get(0) instanceof Number time && row.get(1) instanceof Number value
                    && Double.isFinite(value.doubleValue())) {
                Quality quality = row.get(2) == null ? Quality.GOOD
                        : Quality.byId(row.get(2).toString()).orElse(Quality.UNCERTAIN);
                String site = row.get(3) == null ? "" : row.get(3).toString();
                sink.accept(new Reading(site, series.sensor(), series.kind(), value.doubleValue(), time.longValue(),
                        quality, false, time.longValue()));
            }
        });
    }

    @Override
    public void aggregated(SensorSeries series, long fromMillis, long toMillis, long stepMillis, PointSink sink)
            throws StoreUnavailableException, IOException {
        StepMerger merger = new StepMerger(sink);
        long cursor = fromMillis;
        for (Tier tier : InfluxRollups.COARSEST_FIRST) {
            if (stepMillis % tier.millis() != 0 || cursor >= toMillis) {
                continue;
            }
            OptionalLong covered = rollups.coveredUntil(tier);
            if (covered.isEmpty() || covered.getAsLong() <= cursor) {
                continue;
            }
            long end = Math.min(toMillis, covered.getAsLong());
            select(aggregate(true, tier.measurement(), series.sensor(), cursor, end, stepMillis), merger);
            cursor = end;
        }
        if (cursor < toMillis) {
            select(aggregate(false, series.kind().id(), series.sensor(), cursor, toMillis, stepMillis), merger);
        }
        merger.flush();
    }

    private void select(String query, StepMerger merger) throws StoreUnavailableException, IOException {
        http.select(query, (name, row) -> {
            if (row.size() >= 6 && row.get(0) instanceof Number time && row.get(5) instanceof Number count) {
                merger.add(time.longValue(), number(row, 1), number(row, 2), number(row, 3), number(row, 4),
                        count.longValue());
            }
        });
    }

    private String aggregate(boolean rollup, String measurement, String sensor, long from, long to, long step) {
        String fields = rollup
                ? "min(\"min\"), max(\"max\"), sum(\"sum\"), last(\"last\"), sum(\"count\")"
                : "min(\"value\"), max(\"value\"), sum(\"value\"), last(\"value\"), count(\"value\")";
        return "SELECT " + fields + " FROM " + source(measurement) + " WHERE \"sensor\" = "
                + InfluxQl.stringLiteral(sensor) + range(from, to) + " GROUP BY time(" + step + "ms) fill(none)";
    }

    private static double number(List<Object> row, int index) {
        return row.get(index) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private String source(String measurement) {
        return InfluxQl.identifier(retentionPolicy) + "." + InfluxQl.identifier(measurement);
    }

    private static String range(long from, long to) {
        return " AND time >= " + from + "ms AND time < " + to + "ms";
    }
}
