package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.BLUE;
import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.gateway.alarms.AlarmTransition.CLEARED;
import static io.minewatch.gateway.alarms.AlarmTransition.DEESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.ESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.RAISED;
import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.SITE;
import static io.minewatch.gateway.rules.RuleFixtures.ch4;
import static io.minewatch.gateway.rules.RuleFixtures.reading;
import static io.minewatch.gateway.rules.RuleFixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Rule;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private static final String FACE = "CM01-CH4-T1";

    private static RuleEngine engine(Rule... rules) {
        List<Rule> list = List.of(rules);
        return new RuleEngine(reading -> list, CLOCK, new SequentialIds());
    }

    private static List<AlarmEvent> feed(RuleEngine engine, Reading reading) {
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(reading, out);
        return out;
    }

    @Test
    void workingFaceRaisesEscalatesHoldsRedAboveRestoreAndClears() {
        RuleEngine engine = engine(RuleFixtures.ch4WorkingFace());

        List<AlarmEvent> raised = feed(engine, ch4(FACE, seconds(0), 1.2));
        List<AlarmEvent> escalated = feed(engine, ch4(FACE, seconds(10), 1.6));
        List<AlarmEvent> stillRed = feed(engine, ch4(FACE, seconds(20), 1.2));
        List<AlarmEvent> justAbove = feed(engine, ch4(FACE, seconds(30), 1.0));
        List<AlarmEvent> cleared = feed(engine, ch4(FACE, seconds(40), 0.99));

        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.levelName()).isEqualTo("alarm");
            assertThat(e.level()).isEqualTo(ORANGE);
            assertThat(e.previousLevel()).isNull();
            assertThat(e.threshold()).isEqualTo(1.0);
            assertThat(e.value()).isEqualTo(1.2);
        });
        assertThat(escalated).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(ESCALATED);
            assertThat(e.levelName()).isEqualTo("power_cut");
            assertThat(e.level()).isEqualTo(RED);
            assertThat(e.previousLevel()).isEqualTo(ORANGE);
            assertThat(e.threshold()).isEqualTo(1.5);
        });
        assertThat(stillRed).isEmpty();
        assertThat(justAbove).isEmpty();
        assertThat(cleared).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.levelName()).isEqualTo("power_cut");
            assertThat(e.level()).isEqualTo(RED);
            assertThat(e.previousLevel()).isEqualTo(RED);
            assertThat(e.threshold()).isEqualTo(1.0);
            assertThat(e.value()).isEqualTo(0.99);
        });
        assertThat(List.of(raised.get(0), escalated.get(0), cleared.get(0)))
                .extracting(AlarmEvent::alarmId).containsOnly(raised.get(0).alarmId());
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void raisesAtExactlyTheEntryThreshold() {
        RuleEngine engine = engine(RuleFixtures.ch4WorkingFace());

        assertThat(feed(engine, ch4(FACE, seconds(0), 0.9))).isEmpty();
        assertThat(feed(engine, ch4(FACE, seconds(10), 1.0))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.level()).isEqualTo(ORANGE);
        });
    }

    @Test
    void oxygenBelowTwentyPercentRaisesAndTwentyClears() {
        RuleEngine engine = engine(RuleFixtures.o2Intake());
        String sensor = "CM01-O2-1";

        assertThat(feed(engine, reading(sensor, Kind.O2, seconds(0), 20.5))).isEmpty();
        assertThat(feed(engine, reading(sensor, Kind.O2, seconds(10), 19.5))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.threshold()).isEqualTo(20.0);
            assertThat(e.value()).isEqualTo(19.5);
        });
        assertThat(feed(engine, reading(sensor, Kind.O2, seconds(20), 19.99))).isEmpty();
        assertThat(feed(engine, reading(sensor, Kind.O2, seconds(30), 20.0))).singleElement()
                .satisfies(e -> assertThat(e.transition()).isEqualTo(CLEARED));
    }

    @Test
    void returnAirwayRaisesStraightToPowerCutWhenBothShareOnePercent() {
        RuleEngine engine = engine(RuleFixtures.ch4ReturnAirway());
        String sensor = "CM01-CH4-T2";

        assertThat(feed(engine, ch4(sensor, seconds(0), 0.99))).isEmpty();
        assertThat(feed(engine, ch4(sensor, seconds(10), 1.0))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.levelName()).isEqualTo("power_cut");
            assertThat(e.level()).isEqualTo(RED);
            assertThat(e.threshold()).isEqualTo(1.0);
        });
        assertThat(feed(engine, ch4(sensor, seconds(20), 0.98))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.level()).isEqualTo(RED);
        });
    }

    @Test
    void fourLevelEpisodeReportsEveryTransitionWithItsThresholdAndPreviousLevel() {
        RuleEngine engine = engine(RuleFixtures.pondWaterLevel());
        String sensor = "TP01-WL-1";
        List<AlarmEvent> events = new ArrayList<>();
        double[] levels = {9.5, 10.5, 13.1, 12.9, 12.5, 11.9, 9.5, 10.2};
        for (int i = 0; i < levels.length; i++) {
            engine.evaluate(reading(sensor, Kind.WATER_LEVEL, seconds(i * 60L), levels[i]), events);
        }

        assertThat(events).extracting(AlarmEvent::transition)
                .containsExactly(RAISED, ESCALATED, DEESCALATED, CLEARED, RAISED);
        assertThat(events).extracting(AlarmEvent::levelName)
                .containsExactly("blue", "red", "orange", "orange", "blue");
        assertThat(events).extracting(AlarmEvent::previousLevel)
                .containsExactly(null, BLUE, RED, ORANGE, null);
        // entry threshold when going up, exit threshold of the level left when going down
        assertThat(events).extracting(AlarmEvent::threshold).containsExactly(10.0, 13.0, 12.8, 11.8, 10.0);
        assertThat(events).extracting(AlarmEvent::value).containsExactly(10.5, 13.1, 12.5, 9.5, 10.2);
        assertThat(events.subList(0, 4)).extracting(AlarmEvent::alarmId).containsOnly(events.get(0).alarmId());
        assertThat(events.get(4).alarmId()).isNotEqualTo(events.get(0).alarmId());
        assertThat(events).extracting(AlarmEvent::id).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(events.stream().map(AlarmEvent::alarmId).toList());
    }

    @Test
    void eventCarriesTheReadingsIdentityAndBothTimes() {
        RuleEngine engine = new RuleEngine(reading -> List.of(RuleFixtures.ch4WorkingFace()), CLOCK,
                new SequentialIds());
        Reading unregistered = new Reading("CM02", "CM02-CH4-X", Kind.CH4, 1.3, seconds(7), Quality.GOOD, false,
                seconds(8));

        assertThat(feed(engine, unregistered)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("id-2");
            assertThat(e.alarmId()).isEqualTo("id-1");
            assertThat(e.site()).isEqualTo("CM02");
            assertThat(e.sensor()).isEqualTo("CM02-CH4-X");
            assertThat(e.kind()).isEqualTo(Kind.CH4);
            assertThat(e.ruleId()).isEqualTo("ch4");
            assertThat(e.registered()).isFalse();
            assertThat(e.readingTimestampMillis()).isEqualTo(seconds(7));
            assertThat(e.eventTimeMillis()).isEqualTo(CLOCK.millis());
        });
    }

    @Test
    void readingsOfOtherQualityLeaveAlarmsAsTheyAre() {
        RuleEngine engine = engine(RuleFixtures.ch4WorkingFace());

        assertThat(feed(engine, reading(FACE, Kind.CH4, seconds(0), 3.0, Quality.BAD))).isEmpty();
        assertThat(feed(engine, ch4(FACE, seconds(10), 1.2))).hasSize(1);
        assertThat(feed(engine, reading(FACE, Kind.CH4, seconds(20), 0.1, Quality.BAD))).isEmpty();
        assertThat(feed(engine, reading(FACE, Kind.CH4, seconds(30), 2.0, Quality.UNCERTAIN))).isEmpty();

        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> {
            assertThat(a.level()).isEqualTo(ORANGE);
            assertThat(a.value()).isEqualTo(1.2);
        });
    }

    @Test
    void sensorsKeepIndependentState() {
        RuleEngine engine = engine(RuleFixtures.ch4WorkingFace());
        String other = "CM01-CH4-T2";

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.6))).hasSize(1);
        assertThat(feed(engine, ch4(other, seconds(1), 0.2))).isEmpty();
        assertThat(feed(engine, ch4(other, seconds(2), 1.1))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.sensor()).isEqualTo(other);
            assertThat(e.level()).isEqualTo(ORANGE);
        });
        assertThat(feed(engine, ch4(other, seconds(3), 0.1))).singleElement()
                .satisfies(e -> assertThat(e.transition()).isEqualTo(CLEARED));

        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> {
            assertThat(a.sensor()).isEqualTo(FACE);
            assertThat(a.site()).isEqualTo(SITE);
            assertThat(a.level()).isEqualTo(RED);
        });
    }

    @Test
    void rulesOfOneSensorKeepIndependentAlarms() {
        RuleEngine engine = new RuleEngine(
                reading -> List.of(RuleFixtures.ch4WorkingFace(), RuleFixtures.ch4ReturnAirwayAs("ch4_strict")),
                CLOCK, new SequentialIds());

        List<AlarmEvent> events = feed(engine, ch4(FACE, seconds(0), 1.2));

        assertThat(events).extracting(AlarmEvent::ruleId).containsExactly("ch4", "ch4_strict");
        assertThat(events).extracting(AlarmEvent::level).containsExactly(ORANGE, RED);
        assertThat(events.get(0).alarmId()).isNotEqualTo(events.get(1).alarmId());
    }

    @Test
    void sensorWithoutRulesRaisesNothingAndKeepsNoState() {
        RuleEngine engine = new RuleEngine(reading -> List.of(), CLOCK, new SequentialIds());

        assertThat(feed(engine, ch4(FACE, seconds(0), 50.0))).isEmpty();
        assertThat(engine.activeAlarms()).isEmpty();
    }
}
