package io.minewatch.gateway.history;

import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Plans and runs history queries: chooses the resolution ({@link StepPolicy}), widens an aggregated period to whole
 * steps, and streams the series from the {@link HistorySource} into a {@link HistoryOutput}: aggregated series
 * all at once (InfluxDB answers them with one query per kind and source), raw ones sensor by sensor.
 */
public final class HistoryService {

    /** Told where the stream is: which series, and the time of the point just written. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (seriesIndex, timeMillis) -> { };

        void at(int seriesIndex, long timeMillis);
    }

    private final HistorySource source;
    private final StepPolicy policy;

    public HistoryService(HistorySource source, StepPolicy policy) {
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public HistorySource source() {
        return source;
    }

    public HistoryQuery plan(List<SensorSeries> series, long fromMillis, long toMillis, Duration step, boolean raw) {
        Resolution resolution = policy.choose(fromMillis, toMillis, step, raw);
        return new HistoryQuery(series, resolution.alignFrom(fromMillis), resolution.alignTo(toMillis), resolution);
    }

    public void run(HistoryQuery query, HistoryOutput out, Progress progress)
            throws StoreUnavailableException, IOException {
        out.begin(query);
        List<SensorSeries> all = query.series();
        if (!query.resolution().isRaw()) {
            source.aggregated(all, query.fromMillis(), query.toMillis(), query.resolution().stepMillis(),
                    new SeriesSink() {
                        private int index;

                        @Override
                        public void beginSeries(int i) throws IOException {
                            index = i;
                            out.beginSeries(all.get(i));
                        }

                        @Override
                        public void point(HistoryPoint point) throws IOException {
                            out.point(point);
                            progress.at(index, point.timestampMillis());
                        }

                        @Override
                        public void endSeries(int i) throws IOException {
                            out.endSeries();
                        }
                    });
            out.end();
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            int index = i;
            SensorSeries series = all.get(i);
            out.beginSeries(series);
            source.raw(series, query.fromMillis(), query.toMillis(), reading -> {
                out.reading(reading);
                progress.at(index, reading.timestampMillis());
            });
            out.endSeries();
        }
        out.end();
    }
}
