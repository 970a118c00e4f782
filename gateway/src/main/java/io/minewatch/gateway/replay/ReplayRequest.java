package io.minewatch.gateway.replay;

import io.minewatch.gateway.history.SensorSeries;
import java.util.List;
import java.util.Objects;

/** What to replay: sensors, the period {@code [from, to)} and the speed. */
public record ReplayRequest(List<SensorSeries> sensors, long fromMillis, long toMillis, Speed speed) {

    public ReplayRequest {
        sensors = List.copyOf(Objects.requireNonNull(sensors, "sensors"));
        Objects.requireNonNull(speed, "speed");
        if (sensors.isEmpty()) {
            throw new IllegalArgumentException("sensors : [] (expected: at least one sensor)");
        }
        if (fromMillis >= toMillis) {
            throw new IllegalArgumentException("from : " + fromMillis + " (expected: before to " + toMillis + ")");
        }
    }
}
