package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CombustionTest {

    private static final long ONSET = Samples.T0 + Samples.HOUR;
    private static final long DEVELOP = Duration.ofHours(2).toMillis();
    private final Combustion fire = new Combustion(ONSET, DEVELOP, 400, 3.0);
    private final SignalModel coBaseline = GasSignals.carbonMonoxide(new SeededNoise(21));
    private final SignalModel o2Baseline = GasSignals.oxygen(new SeededNoise(22));
    private final SignalModel co = fire.carbonMonoxide(coBaseline);
    private final SignalModel o2 = fire.oxygen(o2Baseline);

    @Test
    void leavesBothGasesAtTheirBaselinesBeforeTheOnset() {
        for (long t = Samples.T0; t <= ONSET; t += 10_000) {
            assertThat(co.valueAt(t)).isEqualTo(coBaseline.valueAt(t));
            assertThat(o2.valueAt(t)).isEqualTo(o2Baseline.valueAt(t));
        }
    }

    @Test
    void coRisesAsOxygenFallsStronglyCorrelated() {
        double[] coSeries = Samples.over(co, ONSET, ONSET + DEVELOP, Duration.ofMinutes(1));
        double[] o2Series = Samples.over(o2, ONSET, ONSET + DEVELOP, Duration.ofMinutes(1));

        assertThat(pearson(coSeries, o2Series)).isLessThan(-0.95);
    }

    @Test
    void fullFireExceedsTheCoLimitAndDepressesOxygenBelowTheLimit() {
        long full = ONSET + DEVELOP + Samples.HOUR;
        // DOMAIN.md §1: CO at most 24 ppm, O2 at least 20 %.
        assertThat(co.valueAt(full)).isGreaterThan(390);
        assertThat(o2.valueAt(full)).isLessThan(18.0);
    }

    @Test
    void intensityGrowsFasterAndFaster() {
        double first = fire.intensityAt(ONSET + DEVELOP / 3);
        double second = fire.intensityAt(ONSET + 2 * DEVELOP / 3) - first;
        double third = 1.0 - fire.intensityAt(ONSET + 2 * DEVELOP / 3);
        assertThat(first).isLessThan(second);
        assertThat(second).isLessThan(third);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Samples.mean(x);
        double my = Samples.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
