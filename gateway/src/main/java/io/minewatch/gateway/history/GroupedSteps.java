package io.minewatch.gateway.history;

import io.minewatch.gateway.storage.HistoryPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Demultiplexes the rows of {@code GROUP BY "sensor"} queries into one history per sensor. The queries of one window
 * (a rollup tier, then finer ones, then raw points; each answering every sensor) arrive one after another, and within
 * each a sensor's rows are in time order, so each sensor's partials reach its own {@link StepMerger} in time order and
 * partials of a step split between two sources are joined. The points are held until {@link #emit}, which writes the
 * sensors in the order asked; the caller bounds how many points that is ({@link InfluxHistorySource} sizes windows).
 */
final class GroupedSteps {

    private final Map<String, Buffer> bySensor = new HashMap<>();

    private static final class Buffer {
        final List<HistoryPoint> points = new ArrayList<>();
        final StepMerger merger = new StepMerger(points::add);
    }

    /** @param sensors the sensors of one kind in this window; a sensor named twice is answered twice */
    GroupedSteps(List<String> sensors) {
        for (String sensor : sensors) {
            bySensor.computeIfAbsent(sensor, s -> new Buffer());
        }
    }

    /** A partial of {@code sensor}'s step at {@code stepStart}; rows of sensors not asked for are ignored. */
    void add(String sensor, long stepStart, double min, double max, double sum, double last, long count)
            throws IOException {
        Buffer buffer = bySensor.get(sensor);
        if (buffer != null) {
            buffer.merger.add(stepStart, min, max, sum, last, count);
        }
    }

    /** Writes {@code sensor}'s history (after every query of the window has been read). */
    void emit(String sensor, PointSink sink) throws IOException {
        Buffer buffer = bySensor.get(sensor);
        if (buffer == null) {
            throw new IllegalArgumentException("sensor : " + sensor + " (expected: one of " + bySensor.keySet() + ")");
        }
        buffer.merger.flush();
        for (HistoryPoint point : buffer.points) {
            sink.accept(point);
        }
    }
}
