package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedRainfallTest {

    private static final long STORM = Samples.T0 + 2 * Samples.HOUR;
    private final RainfallSignal.Shower threeHours = new RainfallSignal.Shower(STORM, 18, 4.0);
    private final ScriptedRainfall rain = ScriptedRainfall.only(List.of(threeHours));
    private final PondLevelSignal pond = new PondLevelSignal(new SeededNoise(51), rain);

    @Test
    void rainsOnlyDuringTheStorm() {
        assertThat(rain.valueAt(STORM - 1)).isZero();
        assertThat(rain.valueAt(STORM + Samples.HOUR)).isPositive();
        assertThat(rain.valueAt(STORM + 3 * Samples.HOUR)).isZero();
    }

    @Test
    void pondRisesAfterTheStormWithALagOfHours() {
        long rainPeak = STORM + 90 * 60_000L;
        long pondPeak = STORM;
        double highest = 0;
        for (long t = STORM; t < STORM + 2 * Samples.DAY; t += 10 * 60_000L) {
            double rise = pond.rainResponseAt(t);
            if (rise > highest) {
                highest = rise;
                pondPeak = t;
            }
        }
        assertThat(pond.rainResponseAt(STORM)).isZero();
        assertThat(Duration.ofMillis(pondPeak - rainPeak).toHours()).isBetween(3L, 8L);
        // Each mm adds up to 2 cm at the hydrograph's peak (0.78 of its full rise).
        assertThat(highest).isCloseTo(threeHours.totalMillimetres() * 0.02 * 0.78, within(0.1));
    }

    @Test
    void phreaticLineRisesHalfADayAfterThePond() {
        PhreaticLineSignal phreatic = new PhreaticLineSignal(new SeededNoise(52), pond);
        long pondHigh = STORM + 6 * Samples.HOUR;
        // Depth falls 0.6 m per m of pond rise twelve hours earlier; before that only drift and noise move it.
        assertThat(Math.abs(phreatic.valueAt(pondHigh) - 7.2)).isLessThan(0.12);
        assertThat(phreatic.valueAt(pondHigh + 12 * Samples.HOUR))
                .isLessThan(7.2 + 0.11 - 0.6 * pond.rainResponseAt(pondHigh) * 0.9);
    }
}
