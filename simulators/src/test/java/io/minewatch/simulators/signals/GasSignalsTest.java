package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GasSignalsTest {

    @Test
    void methaneBaselineStaysBetweenPointTwoAndPointFourPercentOverADay() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] day = Samples.day(GasSignals.methane(new SeededNoise(seed), 0.30));

            Samples.assertAllBetween(day, 0.2, 0.4);
            assertThat(Samples.mean(day)).isBetween(0.25, 0.35);
        }
    }

    @Test
    void methaneIsNoisyRatherThanFlat() {
        double[] day = Samples.day(GasSignals.methane(new SeededNoise(1), 0.30));

        assertThat(Arrays.stream(day).distinct().count()).isGreaterThan(day.length / 2);
    }

    @Test
    void carbonMonoxideStaysBetweenTwoAndEightPpmOverADay() {
        double[] day = Samples.day(GasSignals.carbonMonoxide(new SeededNoise(1)));

        Samples.assertAllBetween(day, 2.0, 8.0);
    }

    @Test
    void oxygenStaysBetweenTwentyPointSixAndTwentyPointNineAndNeverAboveTwentyOne() {
        double[] day = Samples.day(GasSignals.oxygen(new SeededNoise(1)));

        Samples.assertAllBetween(day, 20.6, 20.9);
    }

    @Test
    void sameSeedGivesTheSameSeriesAndAnotherSeedAnother() {
        double[] first = Samples.day(GasSignals.methane(new SeededNoise(7), 0.30));
        double[] again = Samples.day(GasSignals.methane(new SeededNoise(7), 0.30));
        double[] other = Samples.day(GasSignals.methane(new SeededNoise(8), 0.30));

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void rejectsABaselineThatIsNotANormalVentilatedLevel() {
        assertThatThrownBy(() -> GasSignals.methane(new SeededNoise(1), 1.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baselinePercent : 1.2 (expected: a normal ventilated level, 0.1 to 0.6)");
    }
}
