package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceleratingCreepTest {

    private static final long INSTALLED = Samples.T0 - 200 * Samples.DAY;
    private static final long ONSET = Samples.T0;
    private static final long FAILURE = Samples.T0 + 2 * Samples.DAY;
    private static final long STEP = Duration.ofMinutes(5).toMillis();
    private static final long WINDOW = Duration.ofHours(3).toMillis();

    private final AcceleratingCreep phase = new AcceleratingCreep(ONSET, FAILURE, 5.0);

    @Test
    void inverseVelocityFallsLinearlyToZeroAtTheFailureTime() {
        for (long t = ONSET; t < FAILURE - Samples.HOUR; t += Samples.HOUR) {
            double expected = (FAILURE - t) / (double) (FAILURE - ONSET) / 5.0;
            assertThat(1 / phase.velocityAt(t)).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void aLineFittedToTheNoisySeriesInverseVelocityForecastsTheConfiguredFailure() {
        GnssDisplacementSignal gnss = new GnssDisplacementSignal(new SeededNoise(31), INSTALLED, 0.5, 0.3,
                Optional.of(phase));
        List<double[]> inverseVelocity = new ArrayList<>();
        // Velocity from a least-squares slope over a 3 h window (DOMAIN.md §3: smooth the velocity first), up to 6 h
        // before failure as a forecaster would have it.
        for (long centre = ONSET + WINDOW; centre <= FAILURE - 6 * Samples.HOUR; centre += Samples.HOUR) {
            double velocityPerDay = windowSlope(gnss, centre - WINDOW / 2, centre + WINDOW / 2) * Samples.DAY;
            inverseVelocity.add(new double[] {centre, 1 / velocityPerDay});
        }

        double[] line = fit(inverseVelocity);
        double forecast = -line[1] / line[0];

        assertThat(line[0]).as("slope of 1/v").isNegative();
        assertThat(Math.abs(forecast - FAILURE) / Samples.HOUR).as("forecast error in hours").isLessThan(3.0);
    }

    @Test
    void displacementIsContinuousAtTheOnsetAndKeepsGrowing() {
        GnssDisplacementSignal gnss = new GnssDisplacementSignal(new SeededNoise(32), INSTALLED, 0.5, 0.0,
                Optional.of(phase));
        assertThat(gnss.trendAt(ONSET + 1)).isCloseTo(gnss.trendAt(ONSET), within(1e-3));
        double dayBefore = gnss.trendAt(FAILURE - Samples.DAY);
        double hourBefore = gnss.trendAt(FAILURE - Samples.HOUR);
        assertThat(hourBefore - dayBefore).isGreaterThan(5.0 * 2 * Math.log(24) * 0.99);
    }

    @Test
    void holdsItsLastPositionOnceTheSlopeHasFailed() {
        GnssDisplacementSignal gnss = new GnssDisplacementSignal(new SeededNoise(33), INSTALLED, 0.5, 0.0,
                Optional.of(phase));
        assertThat(gnss.trendAt(FAILURE + Samples.HOUR)).isEqualTo(gnss.trendAt(FAILURE));
        assertThat(phase.failedAt(FAILURE)).isTrue();
        assertThat(phase.failedAt(FAILURE - 1)).isFalse();
    }

    @Test
    void seasonalCreepIsFasterInOneHalfOfTheYearThanInTheOther() {
        GnssDisplacementSignal gnss = new GnssDisplacementSignal(new SeededNoise(34), Samples.T0, 0.5, 0.4,
                Optional.empty());
        long quarter = 365 * Samples.DAY / 4;
        double fast = gnss.trendAt(Samples.T0 + 2 * quarter) - gnss.trendAt(Samples.T0);
        double slow = gnss.trendAt(Samples.T0 + 4 * quarter) - gnss.trendAt(Samples.T0 + 2 * quarter);
        assertThat(fast).isGreaterThan(1.5 * slow);
        // Over a whole year the seasons cancel: the mean rate is the configured one.
        assertThat(fast + slow).isCloseTo(0.5 * 365, within(1e-6));
    }

    private static double windowSlope(SignalModel model, long from, long to) {
        List<double[]> points = new ArrayList<>();
        for (long t = from; t <= to; t += STEP) {
            points.add(new double[] {t, model.valueAt(t)});
        }
        return fit(points)[0];
    }

    /** Least squares: {slope, intercept}. */
    private static double[] fit(List<double[]> points) {
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = points.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx};
    }
}
