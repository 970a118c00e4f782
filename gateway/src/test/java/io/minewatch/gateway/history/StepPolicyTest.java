package io.minewatch.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepPolicyTest {

    private static final long T0 = 1_763_800_000_000L;
    private final StepPolicy policy = new StepPolicy(2_000);

    @Test
    void keepsRawReadingsForHalfAnHour() {
        assertThat(policy.choose(T0, T0 + Duration.ofMinutes(30).toMillis(), null, false).isRaw()).isTrue();
    }

    @Test
    void choosesOneMinuteForADay() {
        assertThat(policy.choose(T0, T0 + Duration.ofDays(1).toMillis(), null, false).stepMillis())
                .isEqualTo(60_000);
    }

    @Test
    void choosesThirtyMinutesForAMonthSoTheChartGetsAtMostTwoThousandPoints() {
        long to = T0 + Duration.ofDays(30).toMillis();
        Resolution resolution = policy.choose(T0, to, null, false);
        assertThat(resolution.stepMillis()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat((resolution.alignTo(to) - resolution.alignFrom(T0)) / resolution.stepMillis()).isLessThanOrEqualTo(2_000);
    }

    @Test
    void everyAutomaticStepKeepsWithinTheBound() {
        for (long period = 1_000; period < Duration.ofDays(3_000).toMillis(); period = period * 3 / 2 + 7) {
            Resolution resolution = policy.choose(T0 + 123, T0 + 123 + period, null, false);
            long points = resolution.isRaw() ? period / 1_000
                    : (resolution.alignTo(T0 + 123 + period) - resolution.alignFrom(T0 + 123)) / resolution.stepMillis();
            assertThat(points).as("period %d ms", period).isLessThanOrEqualTo(2_000);
        }
    }

    @Test
    void honoursAnExplicitStep() {
        Resolution resolution = policy.choose(T0, T0 + Duration.ofDays(1).toMillis(), Duration.ofSeconds(10), false);
        assertThat(resolution.stepMillis()).isEqualTo(10_000);
        assertThat(resolution.automatic()).isFalse();
    }

    @Test
    void refusesAnExplicitStepThatWouldGiveMillionsOfPoints() {
        assertThatThrownBy(() -> policy.choose(T0, T0 + Duration.ofDays(30).toMillis(), Duration.ofSeconds(1), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("step : PT1S");
    }

    @Test
    void widensAnAggregatedPeriodToWholeSteps() {
        Resolution minute = new Resolution(60_000, false);
        assertThat(minute.alignFrom(T0 + 1)).isEqualTo(T0 - T0 % 60_000);
        assertThat(minute.alignTo(T0 + 1)).isEqualTo(T0 - T0 % 60_000 + 60_000);
    }
}
