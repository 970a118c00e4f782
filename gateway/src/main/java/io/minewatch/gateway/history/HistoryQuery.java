package io.minewatch.gateway.history;

import java.util.List;
import java.util.Objects;

/**
 * A planned history query: the sensors, the period (widened to the step grid when aggregated, see
 * {@link Resolution}) and the resolution.
 */
public record HistoryQuery(List<SensorSeries> series, long fromMillis, long toMillis, Resolution resolution) {

    public HistoryQuery {
        series = List.copyOf(Objects.requireNonNull(series, "series"));
        Objects.requireNonNull(resolution, "resolution");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("sensors : [] (expected: at least one sensor)");
        }
        if (fromMillis >= toMillis) {
            throw new IllegalArgumentException("from : " + fromMillis + " (expected: before to " + toMillis + ")");
        }
    }
}
