package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhreaticLineSignalTest {

    @Test
    void burialDepthStaysBetweenSixAndEightMetresOverADay() {
        for (long seed = 1; seed <= 3; seed++) {
            PondLevelSignal pond = new PondLevelSignal(new SeededNoise(seed), new RainfallSignal(new SeededNoise(-seed)));
            PhreaticLineSignal phreatic = new PhreaticLineSignal(new SeededNoise(seed * 10), pond);

            Samples.assertAllBetween(Samples.day(phreatic), 6.0, 8.0);
        }
    }

    @Test
    void burialDepthFallsHalfADayAfterThePondRises() {
        RainfallSignal rain = new RainfallSignal(new SeededNoise(2));
        PondLevelSignal pond = new PondLevelSignal(new SeededNoise(1), rain);
        PhreaticLineSignal phreatic = new PhreaticLineSignal(new SeededNoise(3), pond);
        RainfallSignal.Shower shower = IsolatedShower.find(rain, 10);
        long pondPeak = shower.endMillis() + 4 * Samples.HOUR;
        double pondRise = pond.rainResponseAt(pondPeak);

        double before = phreatic.valueAt(shower.startMillis());
        double beforeSeepageArrives = phreatic.valueAt(pondPeak);
        double afterSeepage = phreatic.valueAt(pondPeak + 12 * Samples.HOUR);

        assertThat(pondRise).isGreaterThan(0.1);
        assertThat(Math.abs(beforeSeepageArrives - before)).isLessThan(0.3 * pondRise);
        assertThat(afterSeepage).isLessThan(before - 0.3 * pondRise);
    }
}
