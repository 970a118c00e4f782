package io.minewatch.gateway.replay;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.history.HistorySource;
import io.minewatch.gateway.history.PointSink;
import io.minewatch.gateway.history.ReadingSink;
import io.minewatch.gateway.history.SensorSeries;
import java.io.IOException;
import java.util.List;

/** Readings held in a list, served as a store would: by sensor and period, oldest first. */
final class ListHistorySource implements HistorySource {

    private final List<Reading> readings;

    ListHistorySource(List<Reading> readings) {
        this.readings = readings;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public void raw(SensorSeries series, long fromMillis, long toMillis, ReadingSink sink) throws IOException {
        for (Reading r : readings) {
            if (r.sensor().equals(series.sensor()) && r.timestampMillis() >= fromMillis
                    && r.timestampMillis() < toMillis) {
                sink.accept(new Reading(r.site(), r.sensor(), r.kind(), r.value(), r.timestampMillis(), r.quality(),
                        false, r.timestampMillis()));
            }
        }
    }

    @Override
    public void aggregated(SensorSeries series, long from, long to, long step, PointSink sink) {
        throw new UnsupportedOperationException("not needed by replays");
    }
}
