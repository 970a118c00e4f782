package io.minewatch.gateway.live;

import io.minewatch.collectors.Reading;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The latest reading of every sensor seen, for the API and the control room. Written from the event loops (each
 * sensor by one loop only), read from HTTP threads.
 */
public final class LiveBoard {

    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> periods = new ConcurrentHashMap<>();
    private final LongAdder readings = new LongAdder();
    private volatile Consumer<List<Reading>> listener = batch -> { };

    /**
     * Also hands every batch to {@code listener} (the live WebSocket stream), on the event loop that dispatched it:
     * the listener must not block. Set before the pipeline starts.
     */
    public void listen(Consumer<List<Reading>> listener) {
        this.listener = listener;
    }

    public void update(List<Reading> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Reading reading = batch.get(i);
            // Keep the newest by measurement time: a late, older reading must not show as the current value. Each
            // sensor is written by one event loop only, so reading then writing its entry races with nobody.
            Reading old = latest.get(reading.sensor());
            if (old == null || reading.timestampMillis() >= old.timestampMillis()) {
                if (old != null && reading.timestampMillis() > old.timestampMillis()) {
                    learnPeriod(reading.sensor(), reading.timestampMillis() - old.timestampMillis());
                }
                latest.put(reading.sensor(), reading);
            }
        }
        readings.add(batch.size());
        listener.accept(batch);
    }

    /** The sensor's reporting period, smoothed over its last readings (as the control room page does it). */
    public OptionalLong periodMillis(String sensor) {
        Long period = periods.get(sensor);
        return period == null ? OptionalLong.empty() : OptionalLong.of(period);
    }

    private void learnPeriod(String sensor, long interval) {
        periods.merge(sensor, interval, (period, next) -> Math.round(period * 0.8 + next * 0.2));
    }

    public Reading latest(String sensor) {
        return latest.get(sensor);
    }

    public Collection<Reading> all() {
        return new ArrayList<>(latest.values());
    }

    /** Readings accepted since start. */
    public long readingsSeen() {
        return readings.sum();
    }
}
