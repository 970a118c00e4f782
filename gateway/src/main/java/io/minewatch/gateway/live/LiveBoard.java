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

    private final Map<String, LiveSensor> sensors = new ConcurrentHashMap<>();
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
            LiveSensor sensor = sensors.get(reading.sensor());
            if (sensor == null) {
                sensors.put(reading.sensor(), new LiveSensor(reading));
            } else {
                sensor.offer(reading);
            }
        }
        readings.add(batch.size());
        listener.accept(batch);
    }

    /** The sensor's reporting period, smoothed over its last readings (as the control room page does it). */
    public OptionalLong periodMillis(String sensor) {
        LiveSensor live = sensors.get(sensor);
        long period = live == null ? 0 : live.periodMillis;
        return period == 0 ? OptionalLong.empty() : OptionalLong.of(period);
    }

    public Reading latest(String sensor) {
        LiveSensor live = sensors.get(sensor);
        return live == null ? null : live.latest;
    }

    public Collection<Reading> all() {
        List<Reading> all = new ArrayList<>(sensors.size());
        sensors.values().forEach(sensor -> all.add(sensor.latest));
        return all;
    }

    /** Readings accepted since start. */
    public long readingsSeen() {
        return readings.sum();
    }

    /**
     * One sensor's latest reading and smoothed reporting period. Written by the one event loop its sensor belongs to,
     * so each update is a read then a write that races with no other writer; HTTP threads read the volatile fields.
     */
    private static final class LiveSensor {

        volatile Reading latest;
        /** Milliseconds; 0 until two readings have been seen. */
        volatile long periodMillis;

        LiveSensor(Reading first) {
            this.latest = first;
        }

        /** Keeps the newest by measurement time: a late, older reading must not show as the current value. */
        void offer(Reading reading) {
            long interval = reading.timestampMillis() - latest.timestampMillis();
            if (interval < 0) {
                return;
            }
            if (interval > 0) {
                periodMillis = periodMillis == 0 ? interval : Math.round(periodMillis * 0.8 + interval * 0.2);
            }
            latest = reading;
        }
    }
}
