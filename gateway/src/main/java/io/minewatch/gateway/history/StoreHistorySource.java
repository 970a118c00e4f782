package io.minewatch.gateway.history;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * History through the {@link TimeSeriesStore#history} of any store, asked for in windows so that no more than one
 * window is held at a time. Raw readings come back without their site and quality (the interface does not carry
 * them): they are given as GOOD of an unknown site. For stores without a source of their own.
 */
public final class StoreHistorySource implements HistorySource {

    private final TimeSeriesStore store;
    private final long windowMillis;

    public StoreHistorySource(TimeSeriesStore store, Duration window) {
        this.store = Objects.requireNonNull(store, "store");
        this.windowMillis = window.toMillis();
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("window : " + window + " (expected: > 0)");
        }
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public void raw(SensorSeries series, long fromMillis, long toMillis, ReadingSink sink)
            throws StoreUnavailableException, IOException {
        for (long start = fromMillis; start < toMillis; start += windowMillis) {
            long end = Math.min(toMillis, start + windowMillis);
            for (HistoryPoint point : store.history(series.kind(), series.sensor(), start, end, null)) {
                sink.accept(new Reading("", series.sensor(), series.kind(), point.last(), point.timestampMillis(),
                        Quality.GOOD, false, point.timestampMillis()));
            }
        }
    }

    @Override
    public void aggregated(SensorSeries series, long fromMillis, long toMillis, long stepMillis, PointSink sink)
            throws StoreUnavailableException, IOException {
        // Whole steps per window, so no step is split between two windows.
        long window = Math.max(stepMillis, windowMillis / stepMillis * stepMillis);
        for (long start = fromMillis; start < toMillis; start += window) {
            long end = Math.min(toMillis, start + window);
            for (HistoryPoint point : store.history(series.kind(), series.sensor(), start, end,
                    Duration.ofMillis(stepMillis))) {
                sink.accept(point);
            }
        }
    }
}
