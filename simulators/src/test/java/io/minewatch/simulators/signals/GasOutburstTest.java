package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GasOutburstTest {

    private static final long ONSET = Samples.T0 + Duration.ofMinutes(5).toMillis();
    private static final long RISE = Duration.ofSeconds(20).toMillis();
    private static final long DECAY = Duration.ofMinutes(3).toMillis();
    private final SignalModel baseline = GasSignals.methane(new SeededNoise(11), 0.3);
    private final GasOutburst outburst = new GasOutburst(baseline, ONSET, 2.5, RISE, DECAY);

    @Test
    void isTheBaselineBeforeTheOnset() {
        for (long t = Samples.T0; t < ONSET; t += 1_000) {
            assertThat(outburst.valueAt(t)).isEqualTo(baseline.valueAt(t));
        }
    }

    @Test
    void reachesItsPeakWhenTheRiseEnds() {
        assertThat(outburst.valueAt(ONSET + RISE)).isEqualTo(2.5);
    }

    @Test
    void crossesTheWorkingFaceAlarmWithinTheRise() {
        long firstAboveAlarm = ONSET;
        while (outburst.valueAt(firstAboveAlarm) < 1.0) {
            firstAboveAlarm += 100;
        }
        assertThat(firstAboveAlarm - ONSET).isBetween(1L, RISE);
    }

    @Test
    void decaysBackToTheBaselineWithItsTimeConstant() {
        long oneTau = ONSET + RISE + DECAY;
        double excess = outburst.valueAt(oneTau) - baseline.valueAt(oneTau);
        assertThat(excess / (2.5 - baseline.valueAt(oneTau))).isCloseTo(Math.exp(-1), within(1e-9));
        long fiveTau = ONSET + RISE + 5 * DECAY;
        assertThat(outburst.valueAt(fiveTau) - baseline.valueAt(fiveTau)).isLessThan(0.02);
    }

    @Test
    void rejectsAPeakAboveAHundredPercent() {
        assertThatThrownBy(() -> new GasOutburst(baseline, ONSET, 120, RISE, DECAY))
                .hasMessage("peak : 120.0 (expected: a concentration above 0, up to 100 %)");
    }
}
