package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.gateway.alarms.AlarmTransition.CLEARED;
import static io.minewatch.gateway.alarms.AlarmTransition.RAISED;
import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.T0;
import static io.minewatch.gateway.rules.RuleFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.minewatch.collectors.Quality;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineRateTest {

    private static final String GNSS = "OP01-GNSS-3";
    private static final long MINUTE = 60_000;
    private static final double DAY_MINUTES = 24 * 60;

    private final RuleEngine engine = new RuleEngine(reading -> List.of(RuleFixtures.displacementRate()), CLOCK,
            new SequentialIds());
    private final List<AlarmEvent> events = new ArrayList<>();

    private void feed(long minute, double millimetres) {
        engine.evaluate(reading(GNSS, Kind.DISPLACEMENT, T0 + minute * MINUTE, millimetres), events);
    }

    @Test
    void slopeMovingTwelveMillimetresADayRaisesAndClearsWhenItSlows() {
        // 12 mm/day for 12 hours, then 2 mm/day; a reading every 10 minutes; 6-hour window
        double atSlowdown = 12 * 720 / DAY_MINUTES;
        for (long m = 0; m <= 24 * 60; m += 10) {
            feed(m, m <= 720 ? 12 * m / DAY_MINUTES : atSlowdown + 2 * (m - 720) / DAY_MINUTES);
        }

        assertThat(events).extracting(AlarmEvent::transition).containsExactly(RAISED, CLEARED);
        AlarmEvent raised = events.get(0);
        // first evaluated once the samples span half the window
        assertThat(raised.readingTimestampMillis()).isEqualTo(T0 + 180 * MINUTE);
        assertThat(raised.level()).isEqualTo(ORANGE);
        assertThat(raised.value()).isCloseTo(12.0, within(1e-9));
        assertThat(raised.threshold()).isEqualTo(10.0);
        // over the 6-hour window the rate is 12 - 10 x / 6 mm/day, x hours after the slowdown: below 10 after 72 min
        AlarmEvent cleared = events.get(1);
        assertThat(cleared.readingTimestampMillis()).isEqualTo(T0 + (720 + 80) * MINUTE);
        assertThat(cleared.value()).isCloseTo(12 - 10 * (80 / 60.0) / 6, within(1e-9));
        assertThat(cleared.alarmId()).isEqualTo(raised.alarmId());
    }

    @Test
    void aJumpBeforeTheSamplesSpanHalfAWindowRaisesNothing() {
        feed(0, 0.0);
        feed(10, 0.0);
        feed(20, 50.0);

        assertThat(events).isEmpty();
    }

    @Test
    void duplicateAndReorderedTimestampsNeverProduceInfiniteRates() {
        for (long m = 0; m <= 240; m += 10) {
            feed(m, 0.001 * m);
        }
        feed(240, 80.0);
        feed(230, -80.0);
        feed(240, 80.0);

        assertThat(events).isEmpty();
        feed(250, 0.25);
        assertThat(events).isEmpty();
    }

    @Test
    void aHundredThousandFastReadingsKeepEvaluatingCorrectly() {
        // one reading a second for 100,000 s rising 12 mm/day; the window keeps its bounded sample set
        for (int s = 0; s < 100_000; s++) {
            engine.evaluate(reading(GNSS, Kind.DISPLACEMENT, T0 + s * 1000L, 12.0 * s / 86_400), events);
        }

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.readingTimestampMillis()).isEqualTo(T0 + 3 * 3_600_000L);
            assertThat(e.value()).isCloseTo(12.0, within(1e-6));
        });
    }

    @Test
    void badReadingsDoNotFeedTheRate() {
        for (long m = 0; m <= 240; m += 10) {
            feed(m, 0.001 * m);
        }
        engine.evaluate(reading(GNSS, Kind.DISPLACEMENT, T0 + 250 * MINUTE, 500.0,
                Quality.BAD), events);
        feed(260, 0.26);

        assertThat(events).isEmpty();
    }
}
