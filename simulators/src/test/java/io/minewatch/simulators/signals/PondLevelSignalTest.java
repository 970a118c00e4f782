package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PondLevelSignalTest {

    @Test
    void staysAroundSevenAndAHalfMetresAndUnderTheDesignFloodLevelOverADay() {
        for (long seed = 1; seed <= 3; seed++) {
            PondLevelSignal pond = new PondLevelSignal(new SeededNoise(seed), new RainfallSignal(new SeededNoise(-seed)));

            Samples.assertAllBetween(Samples.day(pond), 7.0, 9.5);
        }
    }

    @Test
    void restsAroundSevenAndAHalfMetresOverAYear() {
        PondLevelSignal pond = new PondLevelSignal(new SeededNoise(1), new RainfallSignal(new SeededNoise(2)));

        double[] year = Samples.over(pond, Samples.T0, Samples.T0 + 365 * Samples.DAY, Duration.ofHours(1));

        assertThat(Samples.mean(year)).isBetween(7.3, 7.8);
        Samples.assertAllBetween(year, 7.0, 10.0);
    }

    @Test
    void risesHoursAfterTheRainFalls() {
        RainfallSignal rain = new RainfallSignal(new SeededNoise(2));
        PondLevelSignal pond = new PondLevelSignal(new SeededNoise(1), rain);
        RainfallSignal.Shower shower = IsolatedShower.find(rain, 10);

        long peakAt = shower.startMillis();
        for (long t = shower.startMillis(); t < shower.endMillis() + 36 * Samples.HOUR; t += 60_000) {
            if (pond.rainResponseAt(t) > pond.rainResponseAt(peakAt)) {
                peakAt = t;
            }
        }
        double peakRise = pond.rainResponseAt(peakAt);

        assertThat(pond.rainResponseAt(shower.startMillis())).isCloseTo(0.0, within(0.01));
        assertThat(peakAt).isGreaterThanOrEqualTo(shower.endMillis() + Samples.HOUR);
        long halfTheRainFallen = shower.startMillis() + (shower.endMillis() - shower.startMillis()) / 2;
        assertThat(pond.rainResponseAt(halfTheRainFallen)).isLessThan(peakRise / 2);
        assertThat(peakRise).isBetween(0.01 * shower.totalMillimetres(), 0.02 * shower.totalMillimetres());
        assertThat(pond.valueAt(peakAt) - pond.valueAt(shower.startMillis())).isGreaterThan(peakRise / 2);
    }

    @Test
    void sameSeedGivesTheSameSeries() {
        PondLevelSignal pond = new PondLevelSignal(new SeededNoise(1), new RainfallSignal(new SeededNoise(2)));
        PondLevelSignal again = new PondLevelSignal(new SeededNoise(1), new RainfallSignal(new SeededNoise(2)));

        assertThat(Samples.day(again)).containsExactly(Samples.day(pond));
    }
}
