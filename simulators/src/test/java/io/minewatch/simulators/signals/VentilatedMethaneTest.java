package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VentilatedMethaneTest {

    private static final long CHANGE = Samples.T0 + Samples.HOUR;
    private final SignalModel baseline = GasSignals.methane(new SeededNoise(7), 0.4);

    @Test
    void followsTheBaselineUntilTheAirflowChanges() {
        VentilatedMethane methane = new VentilatedMethane(baseline,
                List.of(new AirflowChange(CHANGE, 0.5, Duration.ofMinutes(2).toMillis())));

        for (long t = Samples.T0; t < CHANGE; t += 10_000) {
            assertThat(methane.valueAt(t)).isEqualTo(baseline.valueAt(t));
        }
    }

    @Test
    void halvingTheAirflowDoublesTheConcentrationOnceSettled() {
        VentilatedMethane methane = new VentilatedMethane(baseline,
                List.of(new AirflowChange(CHANGE, 0.5, Duration.ofMinutes(2).toMillis())));
        long settled = CHANGE + Duration.ofMinutes(20).toMillis();

        assertThat(methane.airflowAt(settled)).isCloseTo(0.5, within(1e-3));
        assertThat(methane.valueAt(settled)).isCloseTo(2 * baseline.valueAt(settled), within(0.002));
    }

    @Test
    void restoringTheAirflowBringsTheBaselineBack() {
        long restored = CHANGE + Duration.ofMinutes(30).toMillis();
        VentilatedMethane methane = new VentilatedMethane(baseline, List.of(
                new AirflowChange(restored, 1.0, 0), new AirflowChange(CHANGE, 0.6, 60_000)));

        assertThat(methane.valueAt(restored + 1)).isEqualTo(baseline.valueAt(restored + 1));
        assertThat(methane.valueAt(restored - 1)).isCloseTo(baseline.valueAt(restored - 1) / 0.6, within(0.01));
    }
}
