package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.minewatch.config.quantity.Kind;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorFaultTest {

    private static final long FROM = Samples.T0 + Samples.HOUR;
    private static final long TO = FROM + Samples.HOUR;
    private final SignalModel healthy = GasSignals.methane(new SeededNoise(41), 0.35);

    @Test
    void aStuckSensorReportsExactlyOneValueThroughoutItsWindow() {
        FaultySignal stuck = new FaultySignal(healthy, List.of(new SensorFault.StuckValue(FROM, TO)));

        double[] values = Samples.over(stuck, FROM, TO, Duration.ofSeconds(1));
        assertThat(values).containsOnly(healthy.valueAt(FROM));
        assertThat(stuck.valueAt(TO)).isEqualTo(healthy.valueAt(TO));
    }

    @Test
    void aDroppedOutSensorSendsNoReadingInItsWindowAndOneOnEitherSide() {
        SimulatedSensor sensor = SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2,
                new FaultySignal(healthy, List.of(new SensorFault.Dropout(FROM, TO))));

        for (long t = FROM; t < TO; t += 1_000) {
            assertThat(sensor.reportsAt(t)).as("reports at +%d ms", t - FROM).isFalse();
            assertThat(sensor.valueAt(t)).isNaN();
        }
        assertThat(sensor.reportsAt(FROM - 1)).isTrue();
        assertThat(sensor.reportsAt(TO)).isTrue();
    }

    @Test
    void aDriftingSensorMovesAwayFromTheTruthAtItsRate() {
        FaultySignal drifting = new FaultySignal(healthy,
                List.of(new SensorFault.CalibrationDrift(FROM, TO, 0.2)));
        long half = FROM + Samples.HOUR / 2;

        assertThat(drifting.valueAt(half) - healthy.valueAt(half)).isCloseTo(0.1, within(1e-12));
        assertThat(drifting.valueAt(FROM - 1)).isEqualTo(healthy.valueAt(FROM - 1));
    }

    @Test
    void aCalibrationShowsTheTestGasForItsLengthEveryPeriod() {
        long every = Duration.ofMinutes(10).toMillis();
        long length = Duration.ofMinutes(1).toMillis();
        FaultySignal calibrated = new FaultySignal(healthy,
                List.of(new SensorFault.CalibrationSpikes(FROM, TO, 2.0, every, length)));

        assertThat(calibrated.valueAt(FROM)).isEqualTo(2.0);
        assertThat(calibrated.valueAt(FROM + length - 1)).isEqualTo(2.0);
        assertThat(calibrated.valueAt(FROM + length)).isEqualTo(healthy.valueAt(FROM + length));
        assertThat(calibrated.valueAt(FROM + every + 5)).isEqualTo(2.0);
        long spiking = java.util.stream.LongStream.range(0, Samples.HOUR / 1000)
                .filter(s -> calibrated.valueAt(FROM + s * 1000) == 2.0).count();
        assertThat(spiking).isEqualTo(6 * 60);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new SensorFault.Dropout(TO, FROM))
                .hasMessage("toMillis : " + FROM + " (expected: after fromMillis " + TO + ")");
    }
}
