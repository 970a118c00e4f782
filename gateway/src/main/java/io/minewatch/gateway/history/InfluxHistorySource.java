package io.minewatch.gateway.history;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.history.InfluxRollups.Tier;
import io.minewatch.gateway.storage.InfluxQl;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * History out of InfluxDB, streamed with chunked queries. An aggregated query reads the coarsest rollup of
 * {@link InfluxRollups} whose interval divides the step, up to where that rollup is complete, then finer rollups, then
 * raw points for the last minutes; partials of one step are joined by {@link StepMerger}. Steps finer than a minute,
 * or not a multiple of one, aggregate raw points.
 */
public final class InfluxHistorySource implements HistorySource {

    /** How long one history query may run in InfluxDB: a year of raw points for export is long. */
    static final Duration QUERY_TIMEOUT = Duration.ofMinutes(30);
    /** The most aggregated points held at once to answer many series with one query each: about 15 MB. */
    static final long WINDOW_POINTS = 200_000;

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
        for (Segment segment : segments(fromMillis, toMillis, stepMillis)) {
            http.selectTagged(query(segment, series.kind(), List.of(series.sensor()), stepMillis),
                    (name, tags, row) -> partial(row, stepMillis, merger::add));
        }
        merger.flush();
    }

    /**
     * Answers the series in windows of at most {@link #WINDOW_POINTS} points, each window with one query per kind and
     * source ({@code GROUP BY "sensor"}) instead of one per sensor; a window's points are held until all its queries
     * are read, then written in the order asked. A series longer than the window is streamed alone.
     */
    @Override
    public void aggregated(List<SensorSeries> series, long fromMillis, long toMillis, long stepMillis,
            SeriesSink sink) throws StoreUnavailableException, IOException {
        long perSeries = (toMillis - fromMillis) / stepMillis + 1;
        int window = (int) Math.max(1, Math.min(series.size(), WINDOW_POINTS / perSeries));
        List<Segment> segments = window > 1 ? segments(fromMillis, toMillis, stepMillis) : List.of();
        for (int first = 0; first < series.size(); first += window) {
            List<SensorSeries> part = series.subList(first, Math.min(series.size(), first + window));
            if (part.size() == 1) {
                sink.beginSeries(first);
                aggregated(part.get(0), fromMillis, toMillis, stepMillis, sink::point);
                sink.endSeries(first);
                continue;
            }
            Map<Kind, List<String>> byKind = new EnumMap<>(Kind.class);
            part.forEach(s -> byKind.computeIfAbsent(s.kind(), k -> new ArrayList<>()).add(s.sensor()));
            Map<Kind, GroupedSteps> grouped = new EnumMap<>(Kind.class);
            for (Map.Entry<Kind, List<String>> kind : byKind.entrySet()) {
                GroupedSteps steps = new GroupedSteps(kind.getValue());
                grouped.put(kind.getKey(), steps);
                List<String> sensors = kind.getValue().stream().distinct().toList();
                for (Segment segment : segments) {
                    http.selectTagged(query(segment, kind.getKey(), sensors, stepMillis), (name, tags, row) -> {
                        String sensor = tags.get("sensor");
                        if (sensor != null) {
                            partial(row, stepMillis, (t, min, max, sum, last, count) ->
                                    steps.add(sensor, t, min, max, sum, last, count));
                        }
                    });
                }
            }
            for (int i = 0; i < part.size(); i++) {
                sink.beginSeries(first + i);
                grouped.get(part.get(i).kind()).emit(part.get(i).sensor(), sink::point);
                sink.endSeries(first + i);
            }
        }
    }

    /** Where each part of {@code [from, to)} is read: the coarsest complete rollup dividing the step, then raw. */
    private List<Segment> segments(long fromMillis, long toMillis, long stepMillis) throws StoreUnavailableException {
        List<Segment> segments = new ArrayList<>();
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
            segments.add(new Segment(tier, cursor, end));
            cursor = end;
        }
        if (cursor < toMillis) {
            segments.add(new Segment(null, cursor, toMillis));
        }
        return segments;
    }

    /** One source of an aggregated query: a rollup tier, or raw points when {@code tier} is null. */
    private record Segment(Tier tier, long from, long to) {
    }

    /**
     * A rollup segment reads the rollup's rows as they are and leaves joining them into steps to the caller
     * ({@link StepMerger}): InfluxDB 1.x takes several times longer to {@code GROUP BY time()} 400 k rollup rows
     * than to send them (measured: 5 s against 1.2 s for a month of 100 sensors). Raw points are aggregated by
     * InfluxDB.
     */
    private String query(Segment segment, Kind kind, List<String> sensors, long step) {
        String sensorMatch = sensors.stream().map(s -> "\"sensor\" = " + InfluxQl.stringLiteral(s))
                .collect(Collectors.joining(" OR ", "(", ")"));
        String where = " WHERE " + sensorMatch + range(segment.from(), segment.to());
        if (segment.tier() != null) {
            return "SELECT \"min\", \"max\", \"sum\", \"last\", \"count\" FROM "
                    + source(segment.tier().measurement()) + where + " GROUP BY \"sensor\"";
        }
        return "SELECT min(\"value\"), max(\"value\"), sum(\"value\"), last(\"value\"), count(\"value\") FROM "
                + source(kind.id()) + where + " GROUP BY time(" + step + "ms), \"sensor\" fill(none)";
    }

    @FunctionalInterface
    private interface Partial {
        void accept(long stepStart, double min, double max, double sum, double last, long count) throws IOException;
    }

    /** A row {@code time, min, max, sum, last, count} as a partial of the step its time falls in (epoch-aligned). */
    private static void partial(List<Object> row, long stepMillis, Partial partial) throws IOException {
        if (row.size() >= 6 && row.get(0) instanceof Number time && row.get(5) instanceof Number count) {
            long stepStart = Math.floorDiv(time.longValue(), stepMillis) * stepMillis;
            partial.accept(stepStart, number(row, 1), number(row, 2), number(row, 3), number(row, 4),
                    count.longValue());
        }
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
