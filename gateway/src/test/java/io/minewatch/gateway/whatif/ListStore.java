package io.minewatch.gateway.whatif;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Duration;
import java.util.List;

/** A read-only store over a list of readings, raw history only. */
final class ListStore implements TimeSeriesStore {

    private final List<Reading> readings;

    ListStore(List<Reading> readings) {
        this.readings = readings;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public void write(List<Reading> r, List<AlarmEvent> e) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<HistoryPoint> history(Kind kind, String sensor, long from, long to, Duration step) {
        return readings.stream().filter(r -> r.sensor().equals(sensor) && r.kind() == kind
                && r.timestampMillis() >= from && r.timestampMillis() < to)
                .map(r -> HistoryPoint.raw(r.timestampMillis(), r.value())).toList();
    }

    @Override
    public List<AlarmEvent> alarmEvents(String sensor, long from, long to) {
        return List.of();
    }

    @Override
    public boolean isReachable() {
        return true;
    }

    @Override
    public void close() {
    }
}
