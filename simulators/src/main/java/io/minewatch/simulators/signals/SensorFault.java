package io.minewatch.simulators.signals;

import java.time.Duration;

/**
 * A transmitter fault during [{@code fromMillis}, {@code toMillis}): what a real sensor does that the gateway must
 * notice or survive. A fault changes the value its sensor reports; {@link Dropout} makes it report nothing
 * ({@link Double#NaN}, which a publisher skips).
 */
public sealed interface SensorFault {

    long fromMillis();

    long toMillis();

    default boolean activeAt(long epochMillis) {
        return epochMillis >= fromMillis() && epochMillis < toMillis();
    }

    /** The value reported at {@code epochMillis} while active, given the healthy signal and the value so far. */
    double apply(SignalModel healthy, long epochMillis, double value);

    /** The reading slides away from the truth by {@code unitsPerHour} (an ageing catalytic element). */
    record CalibrationDrift(long fromMillis, long toMillis, double unitsPerHour) implements SensorFault {
        public CalibrationDrift {
            requireWindow(fromMillis, toMillis);
            if (!Double.isFinite(unitsPerHour)) {
                throw new IllegalArgumentException("unitsPerHour : " + unitsPerHour + " (expected: a finite number)");
            }
        }

        @Override
        public double apply(SignalModel healthy, long epochMillis, double value) {
            return value + unitsPerHour * (epochMillis - fromMillis) / (double) Duration.ofHours(1).toMillis();
        }
    }

    /** The reading freezes at the healthy value of {@code fromMillis} (a hung transmitter still answering). */
    record StuckValue(long fromMillis, long toMillis) implements SensorFault {
        public StuckValue {
            requireWindow(fromMillis, toMillis);
        }

        @Override
        public double apply(SignalModel healthy, long epochMillis, double value) {
            return healthy.valueAt(fromMillis);
        }
    }

    /** No reading at all (a cut cable, a flat battery, a lost radio link). */
    record Dropout(long fromMillis, long toMillis) implements SensorFault {
        public Dropout {
            requireWindow(fromMillis, toMillis);
        }

        @Override
        public double apply(SignalModel healthy, long epochMillis, double value) {
            return Double.NaN;
        }
    }

    /**
     * A calibration: every {@code everyMillis} the technician applies test gas and the sensor reads
     * {@code calibrationValue} for {@code lengthMillis}; a source of genuine-looking alarms that are not.
     */
    record CalibrationSpikes(long fromMillis, long toMillis, double calibrationValue, long everyMillis,
            long lengthMillis) implements SensorFault {
        public CalibrationSpikes {
            requireWindow(fromMillis, toMillis);
            if (!Double.isFinite(calibrationValue)) {
                throw new IllegalArgumentException(
                        "calibrationValue : " + calibrationValue + " (expected: a finite number)");
            }
            if (lengthMillis <= 0 || everyMillis < lengthMillis) {
                throw new IllegalArgumentException("lengthMillis : " + lengthMillis
                        + " (expected: > 0 and <= everyMillis " + everyMillis + ")");
            }
        }

        @Override
        public double apply(SignalModel healthy, long epochMillis, double value) {
            return (epochMillis - fromMillis) % everyMillis < lengthMillis ? calibrationValue : value;
        }
    }

    private static void requireWindow(long fromMillis, long toMillis) {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException(
                    "toMillis : " + toMillis + " (expected: after fromMillis " + fromMillis + ")");
        }
    }
}
