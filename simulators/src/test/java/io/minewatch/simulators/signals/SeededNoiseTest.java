package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeededNoiseTest {

    @Test
    void sameSeedAndKeyGiveTheSameDrawWhateverWasAskedBefore() {
        SeededNoise first = new SeededNoise(42);
        SeededNoise second = new SeededNoise(42);
        second.gaussian(7);
        second.uniform(99);

        assertThat(second.gaussian(1_000)).isEqualTo(first.gaussian(1_000));
        assertThat(second.uniform(-5)).isEqualTo(first.uniform(-5));
    }

    @Test
    void differentSeedsAndForksGiveDifferentDraws() {
        SeededNoise noise = new SeededNoise(42);

        assertThat(new SeededNoise(43).uniform(1)).isNotEqualTo(noise.uniform(1));
        assertThat(noise.fork(1).uniform(1)).isNotEqualTo(noise.fork(2).uniform(1)).isNotEqualTo(noise.uniform(1));
    }

    @Test
    void gaussianStaysWithinOneAndIsCentred() {
        SeededNoise noise = new SeededNoise(3);
        double[] draws = LongStream.range(0, 20_000).mapToDouble(noise::gaussian).toArray();

        Samples.assertAllBetween(draws, -1.0, 1.0);
        assertThat(Samples.mean(draws)).isCloseTo(0.0, within(0.02));
        double meanSquare = Arrays.stream(draws).map(g -> g * g).average().orElseThrow();
        assertThat(Math.sqrt(meanSquare)).isCloseTo(1.0 / 3, within(0.02));
    }

    @Test
    void smoothNoiseIsBoundedAndChangesLittleBetweenNearbyInstants() {
        SeededNoise noise = new SeededNoise(5);
        long period = 60_000;
        double previous = noise.smooth(0, period);
        for (long t = 1_000; t < 3_600_000; t += 1_000) {
            double value = noise.smooth(t, period);
            assertThat(value).isBetween(-1.0, 1.0);
            // The steepest smoothstep slope is 1.5 × (range 2) per period: 0.05 per second here.
            assertThat(Math.abs(value - previous)).isLessThanOrEqualTo(0.05 + 1e-9);
            previous = value;
        }
    }

    @Test
    void rejectsNonPositivePeriod() {
        assertThatThrownBy(() -> new SeededNoise(1).smooth(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("periodMillis : 0 (expected: > 0)");
    }
}
