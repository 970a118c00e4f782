package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DustSignalTest {

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** Midnight in the mine's zone: the maintenance shift starts. */
    private static final long LOCAL_MIDNIGHT = Instant.parse("2025-11-21T16:00:00Z").toEpochMilli();

    @Test
    void staysPositiveAndUnderTheTotalDustLimitOverADay() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] day = Samples.day(new DustSignal(new SeededNoise(seed), CHINA));

            Samples.assertAllBetween(day, 0.3, 10.0);
        }
    }

    @Test
    void theShearerIsStillOnTheMaintenanceShiftAndCutsFortyMinutesAnHourOnProduction() {
        DustSignal dust = new DustSignal(new SeededNoise(1), CHINA);

        assertThat(minutesCutting(dust, LOCAL_MIDNIGHT, LOCAL_MIDNIGHT + 8 * Samples.HOUR)).isZero();
        assertThat(minutesCutting(dust, LOCAL_MIDNIGHT + 8 * Samples.HOUR, LOCAL_MIDNIGHT + 9 * Samples.HOUR))
                .isEqualTo(40);
        assertThat(minutesCutting(dust, LOCAL_MIDNIGHT + 8 * Samples.HOUR, LOCAL_MIDNIGHT + 24 * Samples.HOUR))
                .isEqualTo(16 * 40);
    }

    @Test
    void dustRisesWhileTheShearerCutsAndSettlesWhenItStops() {
        DustSignal dust = new DustSignal(new SeededNoise(2), CHINA);
        long nineOClock = LOCAL_MIDNIGHT + 9 * Samples.HOUR;

        double maintenance = Samples.mean(Samples.over(dust, LOCAL_MIDNIGHT, LOCAL_MIDNIGHT + 8 * Samples.HOUR,
                Duration.ofMinutes(1)));
        double inCut = Samples.mean(Samples.over(dust, nineOClock + minutes(5), nineOClock + minutes(40),
                Duration.ofSeconds(10)));
        double betweenPasses = Samples.mean(Samples.over(dust, nineOClock + minutes(45), nineOClock + minutes(60),
                Duration.ofSeconds(10)));

        assertThat(maintenance).isBetween(0.4, 0.8);
        assertThat(inCut).isBetween(4.0, 8.5);
        assertThat(betweenPasses).isBetween(1.2, 1.8);
    }

    @Test
    void sameSeedGivesTheSameSeries() {
        assertThat(Samples.day(new DustSignal(new SeededNoise(5), CHINA)))
                .containsExactly(Samples.day(new DustSignal(new SeededNoise(5), CHINA)));
    }

    private static long minutesCutting(DustSignal dust, long from, long to) {
        return LongStream.iterate(from, t -> t < to, t -> t + minutes(1)).filter(dust::cutting).count();
    }

    private static long minutes(long n) {
        return n * 60_000;
    }
}
