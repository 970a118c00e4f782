package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.gateway.alarms.AlarmTransition.CLEARED;
import static io.minewatch.gateway.alarms.AlarmTransition.DEESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.ESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.RAISED;
import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.ch4;
import static io.minewatch.gateway.rules.RuleFixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineDurationTest {

    private static final String FACE = "CM01-CH4-T1";

    private final RuleEngine engine = new RuleEngine(
            reading -> List.of(RuleFixtures.ch4WorkingFace(Duration.ofSeconds(10))), CLOCK, new SequentialIds());

    private List<AlarmEvent> feed(long second, double value) {
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(ch4(FACE, seconds(second), value), out);
        return out;
    }

    @Test
    void raisesOnlyOnceTheConditionHasHeldForTheDuration() {
        assertThat(feed(0, 1.2)).isEmpty();
        assertThat(feed(5, 1.2)).isEmpty();
        assertThat(feed(9, 1.3)).isEmpty();

        assertThat(feed(10, 1.2)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.level()).isEqualTo(ORANGE);
            assertThat(e.readingTimestampMillis()).isEqualTo(seconds(10));
        });
    }

    @Test
    void aLapseStartsTheDurationAgain() {
        assertThat(feed(0, 1.2)).isEmpty();
        assertThat(feed(5, 0.8)).isEmpty();
        assertThat(feed(6, 1.2)).isEmpty();
        assertThat(feed(10, 1.2)).isEmpty();
        assertThat(feed(15, 1.2)).isEmpty();

        assertThat(feed(16, 1.2)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(RAISED));
    }

    @Test
    void escalationAlsoWaitsForTheDurationWhileClearingIsImmediate() {
        feed(0, 1.2);
        assertThat(feed(10, 1.6)).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo(ORANGE));
        assertThat(feed(15, 1.7)).isEmpty();

        assertThat(feed(20, 1.6)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(ESCALATED);
            assertThat(e.level()).isEqualTo(RED);
        });
        assertThat(feed(21, 0.5)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(CLEARED));
    }

    @Test
    void valueFlappingBetweenLevelsStillRaisesTheLowerLevelOnTime() {
        assertThat(feed(0, 1.2)).isEmpty();
        assertThat(feed(3, 1.6)).isEmpty();
        assertThat(feed(6, 1.2)).isEmpty();
        assertThat(feed(9, 1.6)).isEmpty();

        assertThat(feed(10, 1.2)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.level()).isEqualTo(ORANGE);
        });
    }

    @Test
    void deEscalationIsImmediate() {
        Rule rule = new Rule("water_level", Signal.VALUE, Direction.ABOVE, List.of(
                new LevelThreshold("orange", ORANGE, 12.0, 11.8),
                new LevelThreshold("red", RED, 13.0, 12.8)), Duration.ofMinutes(5));
        RuleEngine pond = new RuleEngine(reading -> List.of(rule), CLOCK, new SequentialIds());
        List<AlarmEvent> events = new ArrayList<>();
        pond.evaluate(RuleFixtures.reading("TP01-WL-1", Kind.WATER_LEVEL,
                seconds(0), 13.5), events);
        pond.evaluate(RuleFixtures.reading("TP01-WL-1", Kind.WATER_LEVEL,
                seconds(300), 13.5), events);
        pond.evaluate(RuleFixtures.reading("TP01-WL-1", Kind.WATER_LEVEL,
                seconds(301), 12.5), events);

        assertThat(events).extracting(AlarmEvent::transition).containsExactly(RAISED, DEESCALATED);
        assertThat(events.get(0).level()).isEqualTo(RED);
        assertThat(events.get(1).readingTimestampMillis()).isEqualTo(seconds(301));
    }

    @Test
    void lateLowReadingFromBeforeTheEpisodeDoesNotRestartTheDuration() {
        assertThat(feed(10, 1.2)).isEmpty();
        assertThat(feed(5, 0.5)).isEmpty();
        assertThat(feed(15, 1.2)).isEmpty();

        assertThat(feed(20, 1.2)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(RAISED));
    }

    @Test
    void lateHighReadingCountsTowardsTheDurationByItsTimestamp() {
        assertThat(feed(10, 1.2)).isEmpty();
        assertThat(feed(2, 1.2)).isEmpty();

        assertThat(feed(12, 1.2)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(RAISED));
    }

    @Test
    void durationIsMeasuredOnReadingTimesSoAReplayDecidesTheSame() {
        List<AlarmEvent> first = new ArrayList<>();
        List<AlarmEvent> replay = new ArrayList<>();
        for (List<AlarmEvent> out : List.of(first, replay)) {
            RuleEngine fresh = new RuleEngine(reading -> List.of(RuleFixtures.ch4WorkingFace(Duration.ofSeconds(10))),
                    CLOCK, new SequentialIds());
            for (int s = 0; s <= 30; s += 2) {
                fresh.evaluate(ch4(FACE, seconds(s), s < 20 ? 1.2 : 0.5), out);
            }
        }

        assertThat(first).extracting(AlarmEvent::transition).containsExactly(RAISED, CLEARED);
        assertThat(first).extracting(AlarmEvent::readingTimestampMillis).containsExactly(seconds(10), seconds(20));
        assertThat(replay).isEqualTo(first);
    }
}
