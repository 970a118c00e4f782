package io.minewatch.gateway.storage;

import java.time.Duration;
import java.util.Objects;

/** Checks of the arguments of {@link TimeSeriesStore#history}, shared by the stores so both refuse the same input. */
final class HistoryArgs {

    private HistoryArgs() {
    }

    /** The step in whole milliseconds, the finest grain the stores keep. */
    static long stepMillis(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative() || step.isZero() || step.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("step : " + step + " (expected: a positive whole number of ms)");
        }
        return step.toMillis();
    }

    static void requireSensor(String sensor) {
        Objects.requireNonNull(sensor, "sensor");
        if (sensor.isEmpty()) {
            throw new IllegalArgumentException("sensor : \"\" (expected: a sensor id)");
        }
    }
}
