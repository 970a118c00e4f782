package io.minewatch.simulators.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import io.minewatch.simulators.signals.SignalModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped scenarios' events produce what their files say. */
class ScenarioEventsTest {

    private static final long T0 = 1_763_769_600_000L;
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;

    private static Map<String, SignalModel> signals(String file) throws IOException {
        return ScenarioSignals.build(ScenarioReader.read(Path.of("scenarios", file)), T0);
    }

    @Test
    void gasOutburstAtFiveMinutesReachesItsPeakTwentySecondsLater() throws IOException {
        SignalModel face = signals("gas-outburst.yaml").get("CM01-CH4-T1");

        for (long t = T0; t < T0 + 5 * MINUTE; t += 1_000) {
            assertThat(face.valueAt(t)).as("T+%d s", (t - T0) / 1000).isLessThan(0.5);
        }
        assertThat(face.valueAt(T0 + 5 * MINUTE + 20_000)).isEqualTo(2.5);
    }

    @Test
    void ventilationChangeLiftsTheReturnAirwayAndTheDropoutSilencesIt() throws IOException {
        SignalModel returnAirway = signals("gas-outburst.yaml").get("CM01-CH4-T2");

        double before = returnAirway.valueAt(T0 + 9 * MINUTE);
        double after = returnAirway.valueAt(T0 + 13 * MINUTE);
        assertThat(after / before).isCloseTo(1 / 0.6, within(0.3));
        for (long t = T0 + 14 * MINUTE; t < T0 + 17 * MINUTE; t += 1_000) {
            assertThat(returnAirway.valueAt(t)).isNaN();
        }
        assertThat(returnAirway.valueAt(T0 + 17 * MINUTE)).isFinite();
    }

    @Test
    void rainstormRaisesThePondHoursLaterAndThePhreaticLineLaterStill() throws IOException {
        Map<String, SignalModel> pond = signals("tailings-rainstorm.yaml");
        SignalModel rain = pond.get("TP01-RAIN-01");
        SignalModel level = pond.get("TP01-WL-01");
        SignalModel phreatic = pond.get("TP01-PL-01");

        assertThat(rain.valueAt(T0 + 29 * MINUTE)).isZero();
        assertThat(rain.valueAt(T0 + 2 * HOUR)).isGreaterThan(5.0);
        assertThat(rain.valueAt(T0 + 30 * MINUTE + 3 * HOUR)).isZero();
        double resting = level.valueAt(T0 + 30 * MINUTE);
        assertThat(level.valueAt(T0 + 6 * HOUR) - resting).isGreaterThan(1.5);
        // The phreatic line has barely moved when the pond peaks and is a metre higher (shallower) half a day later.
        assertThat(phreatic.valueAt(T0 + 6 * HOUR)).isGreaterThan(7.0);
        assertThat(phreatic.valueAt(T0 + 18 * HOUR)).isLessThan(6.4);
    }

    @Test
    void stuckPondGaugeRepeatsOneValueForTwoHours() throws IOException {
        SignalModel backup = signals("tailings-rainstorm.yaml").get("TP01-WL-02");
        double stuck = backup.valueAt(T0 + 8 * HOUR);
        for (long t = T0 + 8 * HOUR; t < T0 + 10 * HOUR; t += MINUTE) {
            assertThat(backup.valueAt(t)).isEqualTo(stuck);
        }
        assertThat(backup.valueAt(T0 + 10 * HOUR)).isNotEqualTo(stuck);
    }

    @Test
    void slopeVelocityGrowsAsOneOverTimeToFailureAndThePointGoesOfflineAtFailure() throws IOException {
        SignalModel gnss = signals("slope-failure.yaml").get("TP01-GNSS-01");
        long failure = T0 + 49 * HOUR;

        // v = v0 (tf - t0) / (tf - t): the displacement over [tf - a, tf - b] is v0 (tf - t0) ln(a / b).
        double early = averaged(gnss, failure - 33 * HOUR) - averaged(gnss, failure - 39 * HOUR);
        double late = averaged(gnss, failure - 9 * HOUR) - averaged(gnss, failure - 15 * HOUR);
        assertThat(late / early).isCloseTo(Math.log(15.0 / 9) / Math.log(39.0 / 33), within(0.3));
        assertThat(gnss.valueAt(failure - 2 * MINUTE)).isGreaterThan(300);
        assertThat(gnss.valueAt(failure)).isNaN();
    }

    /** The position around {@code t}: an hour of minute samples averages out the solution noise. */
    private static double averaged(SignalModel gnss, long t) {
        double sum = 0;
        for (int i = -30; i < 30; i++) {
            sum += gnss.valueAt(t + i * MINUTE);
        }
        return sum / 60;
    }

    @Test
    void fireDrivesCoUpAndOxygenDownAcrossTheirLimits() throws IOException {
        Map<String, SignalModel> mine = signals("mine-fire.yaml");
        long burning = T0 + 2 * HOUR + 10 * MINUTE;

        assertThat(mine.get("CM01-CO-02").valueAt(T0 + 29 * MINUTE)).isLessThan(24);
        assertThat(mine.get("CM01-CO-02").valueAt(burning)).isGreaterThan(300);
        assertThat(mine.get("CM01-O2-02").valueAt(T0 + 29 * MINUTE)).isGreaterThan(20);
        assertThat(mine.get("CM01-O2-02").valueAt(burning)).isLessThan(18.5);
        assertThat(mine.get("CM01-CH4-T2").valueAt(T0 + 20 * MINUTE + 30_000)).isEqualTo(2.0);
    }

    @Test
    void anAcceleratedFleetSamplesScenarioTimeButStampsRealTime() throws IOException {
        Scenario scenario = ScenarioReader.read(Path.of("scenarios", "gas-outburst.yaml")).withSpeed(60);
        Fleet fleet = ScenarioFleet.fleet(scenario, Scenario.Transport.MQTT, new TimeScale(T0, 60));
        SimulatedSensor face = fleet.require("CM01-CH4-T1");

        // Five scenario minutes are five real seconds at speed 60.
        assertThat(face.valueAt(T0 + 5_000 + 20_000 / 60 + 1)).isCloseTo(2.5, within(0.01));
        assertThat(fleet.sensors()).extracting(SimulatedSensor::id).doesNotContain("TP01-WL-02");
        assertThat(scenario.realDuration()).isEqualTo(Duration.ofSeconds(20));
    }
}
