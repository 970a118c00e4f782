package io.minewatch.simulators.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentScheduleTest {

    private static final Instant START = Instant.ofEpochMilli(1_000_000);
    private final IncidentSchedule schedule =
            IncidentSchedule.every(START, Duration.ofSeconds(20), Duration.ofMinutes(4), Duration.ofSeconds(40));

    @Test
    void nothingHappensBeforeTheFirstOnsetNorBetweenIncidents() {
        assertThat(schedule.progressAt(1_000_000)).isEmpty();
        assertThat(schedule.progressAt(1_019_999)).isEmpty();
        assertThat(schedule.progressAt(1_060_000)).isEmpty();
        assertThat(schedule.progressAt(1_259_999)).isEmpty();
    }

    @Test
    void progressRunsFromZeroAtOnsetTowardsOneAtTheEnd() {
        assertThat(schedule.progressAt(1_020_000)).hasValue(0.0);
        assertThat(schedule.progressAt(1_040_000).getAsDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(schedule.progressAt(1_059_999).getAsDouble()).isCloseTo(1.0, within(1e-4));
        assertThat(schedule.progressAt(schedule.onsetMillis(3) + 10_000).getAsDouble()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void delayingShiftsEveryIncident() {
        IncidentSchedule later = schedule.delayedBy(Duration.ofSeconds(15));

        assertThat(later.onsetMillis(2)).isEqualTo(schedule.onsetMillis(2) + 15_000);
        assertThat(later.progressAt(1_030_000)).isEmpty();
    }

    @Test
    void rejectsAnIncidentLongerThanItsPeriod() {
        assertThatThrownBy(() -> new IncidentSchedule(0, 1_000, 2_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("durationMillis : 2000 (expected: > 0 and <= periodMillis 1000)");
    }
}
