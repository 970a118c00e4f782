package io.minewatch.gateway.history;

import io.minewatch.config.quantity.Kind;
import java.util.Objects;

/** One sensor's time series: its id and kind (the InfluxDB measurement). */
public record SensorSeries(String sensor, Kind kind) {

    public SensorSeries {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        if (sensor.isBlank()) {
            throw new IllegalArgumentException("sensor : \"\" (expected: a sensor id)");
        }
    }
}
