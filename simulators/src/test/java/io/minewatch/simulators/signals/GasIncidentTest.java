package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GasIncidentTest {

    private static final Instant START = Instant.parse("2025-11-22T09:30:00.250Z");
    private static final long START_MILLIS = START.toEpochMilli();
    private static final IncidentSchedule SCHEDULE =
            IncidentSchedule.every(START, Duration.ofSeconds(20), Duration.ofMinutes(4), Duration.ofSeconds(40));

    /** A threshold crossing seen by a sensor polled every second: when, and whether upwards. */
    private record Crossing(long secondsAfterStart, double threshold, boolean upwards) {
    }

    @Test
    void crossesAlarmThenPowerCutThenFallsBelowAlarmWithinTheFirstMinute() {
        for (long seed = 1; seed <= 25; seed++) {
            GasIncident face = face(seed);

            List<Crossing> crossings = crossings(face, 0, 60);

            assertThat(crossings).as("seed %d", seed).extracting(Crossing::threshold, Crossing::upwards)
                    .containsExactly(
                            tuple(1.0, true),
                            tuple(1.5, true),
                            tuple(1.5, false),
                            tuple(1.0, false));
            assertThat(crossings.get(0).secondsAfterStart()).as("seed %d alarm", seed).isBetween(20L, 60L);
            assertThat(crossings.get(3).secondsAfterStart()).as("seed %d restore", seed).isLessThanOrEqualTo(60L);
        }
    }

    @Test
    void repeatsEveryPeriodAndStaysAtBaselineInBetween() {
        GasIncident face = face(11);

        List<Crossing> crossings = crossings(face, 0, 15 * 60);

        List<Long> alarms = crossings.stream().filter(c -> c.threshold() == 1.0 && c.upwards())
                .map(Crossing::secondsAfterStart).toList();
        assertThat(alarms).hasSize(4);
        for (int i = 1; i < alarms.size(); i++) {
            assertThat(alarms.get(i) - alarms.get(i - 1)).isBetween(239L, 241L);
        }
        for (long second = 60; second < 260; second++) {
            assertThat(face.valueAt(START_MILLIS + second * 1000)).isBetween(0.2, 0.4);
        }
    }

    @Test
    void followsItsBaselineBeforeTheFirstOnset() {
        SignalModel baseline = GasSignals.methane(new SeededNoise(4), 0.30);
        GasIncident face = new GasIncident(baseline, SCHEDULE, 1.8);

        for (long second = 0; second < 20; second++) {
            long t = START_MILLIS + second * 1000;
            assertThat(face.valueAt(t)).isEqualTo(baseline.valueAt(t));
        }
    }

    @Test
    void reachesItsPeakInTheMiddleOfTheIncident() {
        GasIncident face = face(2);

        assertThat(face.valueAt(SCHEDULE.onsetMillis(0) + 20_000)).isCloseTo(1.8, within(1e-9));
    }

    @Test
    void sameSeedGivesTheSameIncident() {
        assertThat(Samples.over(face(9), START_MILLIS, START_MILLIS + 600_000, Duration.ofMillis(500)))
                .containsExactly(Samples.over(face(9), START_MILLIS, START_MILLIS + 600_000, Duration.ofMillis(500)));
    }

    @Test
    void rejectsAPeakThatIsNoConcentration() {
        SignalModel baseline = GasSignals.methane(new SeededNoise(4), 0.30);

        assertThatThrownBy(() -> new GasIncident(baseline, SCHEDULE, 120))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("peak : 120.0 (expected: a concentration from 0 to 100 %)");
    }

    private static GasIncident face(long seed) {
        return new GasIncident(GasSignals.methane(new SeededNoise(seed), 0.30), SCHEDULE, 1.8);
    }

    private static List<Crossing> crossings(SignalModel model, long fromSecond, long toSecond) {
        List<Crossing> crossings = new ArrayList<>();
        double previous = model.valueAt(START_MILLIS + fromSecond * 1000);
        for (long second = fromSecond + 1; second <= toSecond; second++) {
            double value = model.valueAt(START_MILLIS + second * 1000);
            for (double threshold : new double[] {1.0, 1.5}) {
                if (previous < threshold && value >= threshold) {
                    crossings.add(new Crossing(second, threshold, true));
                } else if (previous >= threshold && value < threshold) {
                    crossings.add(new Crossing(second, threshold, false));
                }
            }
            previous = value;
        }
        return crossings;
    }
}
