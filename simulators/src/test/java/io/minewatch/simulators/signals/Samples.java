package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.time.Instant;
import java.util.stream.LongStream;

/** Samples a model over simulated time, as a sensor polled at a fixed step would. */
final class Samples {

    static final long T0 = Instant.parse("2025-11-22T00:00:00Z").toEpochMilli();
    static final long DAY = Duration.ofDays(1).toMillis();
    static final long HOUR = Duration.ofHours(1).toMillis();

    private Samples() {
    }

    static double[] over(SignalModel model, long fromMillis, long toMillis, Duration step) {
        return LongStream.iterate(fromMillis, t -> t < toMillis, t -> t + step.toMillis())
                .mapToDouble(model::valueAt)
                .toArray();
    }

    static double[] day(SignalModel model) {
        return over(model, T0, T0 + DAY, Duration.ofSeconds(10));
    }

    /** Asserts every value lies in [low, high], naming the extreme that does not. */
    static void assertAllBetween(double[] values, double low, double high) {
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        assertThat(min).as("lowest of %d samples", values.length).isGreaterThanOrEqualTo(low);
        assertThat(max).as("highest of %d samples", values.length).isLessThanOrEqualTo(high);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
