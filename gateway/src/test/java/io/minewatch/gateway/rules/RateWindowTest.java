package io.minewatch.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.minewatch.config.rules.Signal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    private static final long T0 = 1_763_809_200_000L;
    private static final long MINUTE = 60_000;

    @Test
    void linearSeriesGivesItsRatePerUnit() {
        RateWindow window = new RateWindow(Signal.rate(Duration.ofHours(1), Duration.ofHours(1)));
        double rate = Double.NaN;
        for (int m = 0; m <= 120; m++) {
            rate = window.add(T0 + m * MINUTE, 100 + 0.5 * m);
        }

        assertThat(rate).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void givesNoRateUntilTheSamplesSpanHalfAWindow() {
        RateWindow window = new RateWindow(Signal.rate(Duration.ofHours(1), Duration.ofHours(1)));

        for (int m = 0; m < 30; m++) {
            assertThat(window.add(T0 + m * MINUTE, m * 10.0)).as("minute %d", m).isNaN();
        }
        assertThat(window.add(T0 + 30 * MINUTE, 300.0)).isCloseTo(600.0, within(1e-9));
    }

    @Test
    void usesTheNewestReadingEvenWhenItIsNotKept() {
        // 640 s window: samples are kept 10 s apart, readings come every second
        RateWindow window = new RateWindow(Signal.rate(Duration.ofSeconds(640), Duration.ofSeconds(1)));
        for (int s = 0; s <= 1000; s++) {
            double rate = window.add(T0 + s * 1000L, 3.0 * s);
            if (s >= 320) {
                assertThat(rate).as("second %d", s).isCloseTo(3.0, within(1e-9));
            }
        }
    }

    @Test
    void ignoresDuplicateAndOlderTimestamps() {
        RateWindow window = new RateWindow(Signal.rate(Duration.ofMinutes(10), Duration.ofMinutes(1)));
        for (int m = 0; m <= 10; m++) {
            window.add(T0 + m * MINUTE, m);
        }

        assertThat(window.add(T0 + 10 * MINUTE, 1_000.0)).isNaN();
        assertThat(window.add(T0 + 9 * MINUTE, -1_000.0)).isNaN();
        assertThat(window.add(T0 + 11 * MINUTE, 11.0)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void keepsAtMostSixtyFiveSamplesHoweverFastReadingsCome() {
        RateWindow hourly = new RateWindow(Signal.rate(Duration.ofHours(6), Duration.ofDays(1)));
        RateWindow fast = new RateWindow(Signal.rate(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        double rate = Double.NaN;
        for (int i = 0; i < 100_000; i++) {
            hourly.add(T0 + i * 1000L, i * 0.001);
            rate = fast.add(T0 + i, i * 0.5);
            assertThat(hourly.retainedSamples()).isLessThanOrEqualTo(RateWindow.MAX_SAMPLES);
            assertThat(fast.retainedSamples()).isLessThanOrEqualTo(RateWindow.MAX_SAMPLES);
        }

        assertThat(hourly.capacity()).isLessThanOrEqualTo(RateWindow.MAX_SAMPLES);
        assertThat(fast.capacity()).isLessThanOrEqualTo(RateWindow.MAX_SAMPLES);
        assertThat(hourly.retainedSamples()).isGreaterThan(32);
        assertThat(rate).isCloseTo(0.5 * 60_000, within(1e-6));
    }

    @Test
    void startsAgainAfterAGapLongerThanTheWindow() {
        RateWindow window = new RateWindow(Signal.rate(Duration.ofMinutes(10), Duration.ofMinutes(1)));
        for (int m = 0; m <= 10; m++) {
            window.add(T0 + m * MINUTE, m);
        }

        assertThat(window.add(T0 + 60 * MINUTE, 500.0)).isNaN();
        assertThat(window.retainedSamples()).isEqualTo(1);
        assertThat(window.add(T0 + 65 * MINUTE, 510.0)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void refusesAValueSignal() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateWindow(Signal.VALUE))
                .withMessage("signal : VALUE (expected: RATE)");
    }
}
