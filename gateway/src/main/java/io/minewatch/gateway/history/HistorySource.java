package io.minewatch.gateway.history;

import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.util.List;

/**
 * Streams a sensor's history out of a store, without holding it in memory: InfluxDB ({@link InfluxHistorySource}), the
 * embedded store ({@link LocalHistorySource}), or any {@link io.minewatch.gateway.storage.TimeSeriesStore}
 * ({@link StoreHistorySource}). Times are epoch milliseconds, ranges half-open {@code [from, to)}, oldest first.
 */
public interface HistorySource {

    /** For logs and responses, e.g. {@code influxdb}. */
    String name();

    /**
     * Raw readings, with their site and quality; {@code registered} is false and {@code receivedAtMillis} is the
     * reading's time (neither is stored).
     */
    void raw(SensorSeries series, long fromMillis, long toMillis, ReadingSink sink)
            throws StoreUnavailableException, IOException;

    /**
     * One point per non-empty step of the epoch-aligned grid of {@code stepMillis}, stamped with the step's start,
     * holding the mean, min, max, last and count of the readings in it. {@code fromMillis} and {@code toMillis} are
     * multiples of {@code stepMillis}.
     */
    void aggregated(SensorSeries series, long fromMillis, long toMillis, long stepMillis, PointSink sink)
            throws StoreUnavailableException, IOException;

    /**
     * {@link #aggregated(SensorSeries, long, long, long, PointSink)} of several series, written one after another in
     * the order given. A source that can answer many series with one query overrides this (InfluxDB does).
     */
    default void aggregated(List<SensorSeries> series, long fromMillis, long toMillis, long stepMillis,
            SeriesSink sink) throws StoreUnavailableException, IOException {
        for (int i = 0; i < series.size(); i++) {
            sink.beginSeries(i);
            aggregated(series.get(i), fromMillis, toMillis, stepMillis, sink::point);
            sink.endSeries(i);
        }
    }
}
