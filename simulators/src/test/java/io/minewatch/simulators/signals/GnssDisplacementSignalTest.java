package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GnssDisplacementSignalTest {

    private static final long INSTALLED = Samples.T0 - 60 * Samples.DAY;

    @Test
    void staysNearItsCumulativeCreepOverADay() {
        GnssDisplacementSignal gnss = new GnssDisplacementSignal(new SeededNoise(1), INSTALLED, 0.5);

        Samples.assertAllBetween(Samples.day(gnss), 30.0 - 2.0, 30.5 + 2.0);
    }

    @Test
    void creepsAtHalfAMillimetreADay() {
        GnssDisplacementSignal gnss = new GnssDisplacementSignal(new SeededNoise(2), INSTALLED, 0.5);
        double[] tenDays = Samples.over(gnss, Samples.T0, Samples.T0 + 10 * Samples.DAY, Duration.ofMinutes(5));

        assertThat(slopePerDay(tenDays, Duration.ofMinutes(5))).isCloseTo(0.5, within(0.05));
    }

    @Test
    void sameSeedGivesTheSameSeries() {
        assertThat(Samples.day(new GnssDisplacementSignal(new SeededNoise(3), INSTALLED, 0.5)))
                .containsExactly(Samples.day(new GnssDisplacementSignal(new SeededNoise(3), INSTALLED, 0.5)));
    }

    @Test
    void rejectsAnImpossibleCreepRate() {
        assertThatThrownBy(() -> new GnssDisplacementSignal(new SeededNoise(1), INSTALLED, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("creepMillimetresPerDay : NaN (expected: a finite rate within ±1000)");
    }

    /** Least-squares slope of evenly spaced samples. */
    private static double slopePerDay(double[] values, Duration step) {
        double stepDays = (double) step.toMillis() / Samples.DAY;
        double meanX = (values.length - 1) / 2.0 * stepDays;
        double meanY = Samples.mean(values);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < values.length; i++) {
            double dx = i * stepDays - meanX;
            covariance += dx * (values[i] - meanY);
            variance += dx * dx;
        }
        return covariance / variance;
    }
}
