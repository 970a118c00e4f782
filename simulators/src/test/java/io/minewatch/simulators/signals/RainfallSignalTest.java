package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RainfallSignalTest {

    private static final Duration TEN_MINUTES = RainfallSignal.INTERVAL;

    @Test
    void isMostlyDryWithShowersAndNeverNegative() {
        RainfallSignal rain = new RainfallSignal(new SeededNoise(1));

        double[] month = Samples.over(rain, Samples.T0, Samples.T0 + 30 * Samples.DAY, TEN_MINUTES);

        Samples.assertAllBetween(month, 0.0, 3.0);
        long dry = Arrays.stream(month).filter(mm -> mm == 0.0).count();
        assertThat(dry).isGreaterThan(month.length * 8 / 10).isLessThan(month.length);
    }

    @Test
    void aYearOfRainIsThatOfAWetClimate() {
        RainfallSignal rain = new RainfallSignal(new SeededNoise(2));

        double total = rain.showersBetween(Samples.T0, Samples.T0 + 365 * Samples.DAY).stream()
                .mapToDouble(RainfallSignal.Shower::totalMillimetres).sum();

        assertThat(total).isBetween(1_200.0, 2_800.0);
    }

    @Test
    void readingsAreTheRainOfTheShowersIntervals() {
        RainfallSignal rain = new RainfallSignal(new SeededNoise(3));
        List<RainfallSignal.Shower> showers = rain.showersBetween(Samples.T0, Samples.T0 + 30 * Samples.DAY);

        double fromShowers = showers.stream().mapToDouble(RainfallSignal.Shower::totalMillimetres).sum();
        double fromReadings = Arrays.stream(
                Samples.over(rain, Samples.T0, Samples.T0 + 30 * Samples.DAY, TEN_MINUTES)).sum();

        assertThat(showers).isNotEmpty();
        assertThat(fromReadings).isCloseTo(fromShowers, within(1e-6));
        RainfallSignal.Shower first = showers.get(0);
        assertThat(rain.valueAt(first.startMillis() - 1)).isZero();
        assertThat(rain.valueAt(first.startMillis())).isEqualTo(first.millimetresIn(0));
        assertThat(rain.valueAt(first.endMillis())).isZero();
    }

    @Test
    void sameSeedGivesTheSameShowers() {
        assertThat(new RainfallSignal(new SeededNoise(4)).showersBetween(Samples.T0, Samples.T0 + 90 * Samples.DAY))
                .isEqualTo(new RainfallSignal(new SeededNoise(4)).showersBetween(Samples.T0,
                        Samples.T0 + 90 * Samples.DAY));
    }
}
