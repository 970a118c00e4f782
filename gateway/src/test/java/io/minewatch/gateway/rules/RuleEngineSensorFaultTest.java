package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.config.rules.Level.YELLOW;
import static io.minewatch.gateway.alarms.AlarmTransition.CLEARED;
import static io.minewatch.gateway.alarms.AlarmTransition.ESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.RAISED;
import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.SITE;
import static io.minewatch.gateway.rules.RuleFixtures.ch4;
import static io.minewatch.gateway.rules.RuleFixtures.reading;
import static io.minewatch.gateway.rules.RuleFixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Rule;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The built-in sensor-fault condition: BAD readings in a row raise it, a GOOD reading clears it. */
class RuleEngineSensorFaultTest {

    private static final String FACE = "CM01-CH4-T1";
    private static final String POND = "TP01-WL-1";

    private Map<String, List<Rule>> rulesBySensor = Map.of(FACE, List.of(RuleFixtures.ch4WorkingFace()));

    private RuleEngine engine(ActiveAlarm... restored) {
        return new RuleEngine(reading -> rulesBySensor.getOrDefault(reading.sensor(), List.of()), CLOCK,
                new SequentialIds(), RestoredAlarms.of(List.of(restored)));
    }

    private static List<AlarmEvent> feed(RuleEngine engine, Reading reading) {
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(reading, out);
        return out;
    }

    private static Reading bad(long timestampMillis, double value) {
        return reading(FACE, Kind.CH4, timestampMillis, value, Quality.BAD);
    }

    private static Reading uncertain(long timestampMillis, double value) {
        return reading(FACE, Kind.CH4, timestampMillis, value, Quality.UNCERTAIN);
    }

    private static ActiveAlarm restoredFault(String alarmId, String sensor) {
        return new ActiveAlarm(alarmId, SITE, sensor, Kind.CH4, "sensor_fault", "fault", YELLOW, 3.0, 3.0, 1_000L,
                1_000L);
    }

    @Test
    void threeBadReadingsInARowRaiseOneFault() {
        RuleEngine engine = engine();

        assertThat(feed(engine, bad(seconds(0), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(10), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(20), 0.4))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.ruleId()).isEqualTo("sensor_fault");
            assertThat(e.levelName()).isEqualTo("fault");
            assertThat(e.level()).isEqualTo(YELLOW);
            assertThat(e.previousLevel()).isNull();
            assertThat(e.threshold()).isEqualTo(3.0);
            assertThat(e.value()).isEqualTo(3.0);
            assertThat(e.sensor()).isEqualTo(FACE);
            assertThat(e.site()).isEqualTo(SITE);
            assertThat(e.kind()).isEqualTo(Kind.CH4);
            assertThat(e.registered()).isTrue();
            assertThat(e.readingTimestampMillis()).isEqualTo(seconds(20));
            assertThat(e.eventTimeMillis()).isEqualTo(CLOCK.millis());
        });
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("sensor_fault");
            assertThat(a.sensor()).isEqualTo(FACE);
            assertThat(a.level()).isEqualTo(YELLOW);
        });
    }

    @Test
    void furtherBadReadingsAddNothingToAnActiveFault() {
        RuleEngine engine = engine();
        for (int i = 0; i < 3; i++) {
            feed(engine, bad(seconds(i * 10), 0.4));
        }

        assertThat(feed(engine, bad(seconds(30), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(40), 0.4))).isEmpty();
        assertThat(engine.activeAlarms()).hasSize(1);
    }

    @Test
    void aGoodReadingClearsTheFaultUnderItsAlarmId() {
        RuleEngine engine = engine();
        feed(engine, bad(seconds(0), 0.4));
        feed(engine, bad(seconds(10), 0.4));
        String alarmId = feed(engine, bad(seconds(20), 0.4)).get(0).alarmId();

        assertThat(feed(engine, ch4(FACE, seconds(30), 0.4))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo(alarmId);
            assertThat(e.ruleId()).isEqualTo("sensor_fault");
            assertThat(e.level()).isEqualTo(YELLOW);
            assertThat(e.previousLevel()).isEqualTo(YELLOW);
            assertThat(e.threshold()).isEqualTo(3.0);
            assertThat(e.value()).isEqualTo(0.0);
        });
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void aGoodReadingResetsTheCount() {
        RuleEngine engine = engine();
        feed(engine, bad(seconds(0), 0.4));
        feed(engine, bad(seconds(10), 0.4));

        assertThat(feed(engine, ch4(FACE, seconds(20), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(30), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(40), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(50), 0.4))).singleElement()
                .satisfies(e -> assertThat(e.transition()).isEqualTo(RAISED));
    }

    @Test
    void uncertainReadingsNeitherCountNorResetTheCount() {
        RuleEngine engine = engine();
        feed(engine, bad(seconds(0), 0.4));
        feed(engine, bad(seconds(10), 0.4));

        assertThat(feed(engine, uncertain(seconds(20), 0.4))).isEmpty();
        assertThat(feed(engine, uncertain(seconds(30), 0.4))).isEmpty();
        assertThat(engine.activeAlarms()).isEmpty();
        assertThat(feed(engine, bad(seconds(40), 0.4))).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(3.0));
    }

    @Test
    void uncertainReadingsDoNotClearAnActiveFault() {
        RuleEngine engine = engine();
        for (int i = 0; i < 3; i++) {
            feed(engine, bad(seconds(i * 10), 0.4));
        }

        assertThat(feed(engine, uncertain(seconds(30), 0.4))).isEmpty();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::ruleId).containsExactly("sensor_fault");
    }

    @Test
    void aGoodReadingOlderThanTheNewestBadOneNeitherClearsNorResets() {
        RuleEngine engine = engine();
        feed(engine, bad(seconds(10), 0.4));
        feed(engine, bad(seconds(20), 0.4));

        assertThat(feed(engine, ch4(FACE, seconds(5), 0.4))).isEmpty();
        assertThat(feed(engine, bad(seconds(30), 0.4))).singleElement()
                .satisfies(e -> assertThat(e.transition()).isEqualTo(RAISED));
        assertThat(feed(engine, ch4(FACE, seconds(25), 0.4))).isEmpty();
        assertThat(engine.activeAlarms()).hasSize(1);
    }

    @Test
    void aBadMethaneReadingAbovePowerCutRaisesOnlyTheFault() {
        RuleEngine engine = engine();

        List<AlarmEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            engine.evaluate(bad(seconds(i * 10), 1.6), events);
        }

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo("sensor_fault");
            assertThat(e.value()).isEqualTo(3.0);
        });
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::ruleId).containsExactly("sensor_fault");
    }

    @Test
    void aThresholdAlarmAndAFaultCoexistAndBadReadingsLeaveTheThresholdAlarmAsItIs() {
        RuleEngine engine = engine();
        String ch4AlarmId = feed(engine, ch4(FACE, seconds(0), 1.2)).get(0).alarmId();

        feed(engine, bad(seconds(10), 0.1));
        feed(engine, bad(seconds(20), 0.1));
        assertThat(feed(engine, bad(seconds(30), 2.0))).singleElement()
                .satisfies(e -> assertThat(e.ruleId()).isEqualTo("sensor_fault"));
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::ruleId, ActiveAlarm::level)
                .containsExactlyInAnyOrder(Tuple.tuple("ch4", ORANGE),
                        Tuple.tuple("sensor_fault", YELLOW));

        List<AlarmEvent> recovery = feed(engine, ch4(FACE, seconds(40), 1.6));
        assertThat(recovery).extracting(AlarmEvent::ruleId, AlarmEvent::transition).containsExactly(
                Tuple.tuple("sensor_fault", CLEARED),
                Tuple.tuple("ch4", ESCALATED));
        assertThat(recovery.get(1).alarmId()).isEqualTo(ch4AlarmId);
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("ch4");
            assertThat(a.level()).isEqualTo(RED);
        });
    }

    @Test
    void aSensorWithoutRulesStillFaults() {
        RuleEngine engine = engine();
        Reading badLevel = reading(POND, Kind.WATER_LEVEL, seconds(0), 9.0, Quality.BAD);

        feed(engine, badLevel);
        feed(engine, badLevel);
        String alarmId = feed(engine, badLevel).get(0).alarmId();

        assertThat(feed(engine, reading(POND, Kind.WATER_LEVEL, seconds(10), 9.0))).singleElement()
                .satisfies(e -> {
                    assertThat(e.transition()).isEqualTo(CLEARED);
                    assertThat(e.alarmId()).isEqualTo(alarmId);
                    assertThat(e.kind()).isEqualTo(Kind.WATER_LEVEL);
                });
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void theNumberOfBadReadingsIsSetByThePolicy() {
        RuleEngine engine = new RuleEngine(reading -> List.of(), CLOCK, new SequentialIds(), RestoredAlarms.NONE,
                new SensorFaultPolicy(1));

        assertThat(feed(engine, bad(seconds(0), 0.4))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.threshold()).isEqualTo(1.0);
            assertThat(e.value()).isEqualTo(1.0);
        });
        assertThatThrownBy(() -> new SensorFaultPolicy(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consecutiveBadReadings : 0 (expected: at least 1)");
    }

    @Test
    void aFaultRoundTripsThroughARestart() {
        RuleEngine before = engine();
        for (int i = 0; i < 3; i++) {
            feed(before, bad(seconds(i * 10), 0.4));
        }
        List<ActiveAlarm> snapshot = before.activeAlarms();

        RuleEngine after = engine(snapshot.toArray(ActiveAlarm[]::new));
        assertThat(feed(after, bad(seconds(30), 0.4))).isEmpty();
        assertThat(feed(after, bad(seconds(40), 0.4))).isEmpty();
        assertThat(feed(after, bad(seconds(50), 0.4))).isEmpty();
        assertThat(after.activeAlarms()).isEqualTo(snapshot);

        assertThat(feed(after, ch4(FACE, seconds(60), 0.4))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo(snapshot.get(0).alarmId());
        });
    }

    @Test
    void aRestoredFaultIsClearedByAGoodFirstReadingAndTheThresholdRulesRunAsUsual() {
        RuleEngine engine = engine(restoredFault("01FAULT", FACE));

        List<AlarmEvent> events = feed(engine, ch4(FACE, seconds(0), 1.2));

        assertThat(events).extracting(AlarmEvent::ruleId, AlarmEvent::transition, AlarmEvent::alarmId)
                .containsExactly(Tuple.tuple("sensor_fault", CLEARED, "01FAULT"),
                        Tuple.tuple("ch4", RAISED, "id-2"));
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::ruleId).containsExactly("ch4");
    }

    @Test
    void aRestoredFaultIsNotTakenForAnAlarmOfARuleThatNoLongerApplies() {
        ActiveAlarm fault = new ActiveAlarm("01FAULT", "TP01", POND, Kind.WATER_LEVEL, "sensor_fault", "fault",
                YELLOW, 3.0, 3.0, 1_000L, 1_000L);
        RuleEngine engine = engine(fault);

        assertThat(feed(engine, reading(POND, Kind.WATER_LEVEL, seconds(0), 9.0, Quality.BAD))).isEmpty();
        assertThat(engine.activeAlarms()).containsExactly(fault);
        assertThat(feed(engine, reading(POND, Kind.WATER_LEVEL, seconds(10), 9.0))).singleElement()
                .satisfies(e -> {
                    assertThat(e.transition()).isEqualTo(CLEARED);
                    assertThat(e.alarmId()).isEqualTo("01FAULT");
                    assertThat(e.ruleId()).isEqualTo("sensor_fault");
                    assertThat(e.threshold()).isEqualTo(3.0);
                    assertThat(e.value()).isEqualTo(0.0);
                });
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void aRestoredFaultStaysActiveThroughBadReadings() {
        RuleEngine engine = engine();
        assertThat(engine.restore(restoredFault("01FAULT", FACE))).isTrue();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01FAULT");

        assertThat(feed(engine, bad(seconds(0), 0.4))).isEmpty();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01FAULT");
    }

    @Test
    void aRestoredFaultAlongsideAThresholdAlarmKeepsBothUntilAGoodReading() {
        ActiveAlarm ch4 = new ActiveAlarm("01CH4", SITE, FACE, Kind.CH4, "ch4", "alarm", ORANGE, 1.0, 1.3, 1_000L,
                2_000L);
        RuleEngine engine = engine(restoredFault("01FAULT", FACE), ch4);

        assertThat(feed(engine, bad(seconds(0), 0.1))).isEmpty();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId)
                .containsExactlyInAnyOrder("01FAULT", "01CH4");

        assertThat(feed(engine, ch4(FACE, seconds(10), 1.2))).extracting(AlarmEvent::alarmId)
                .containsExactly("01FAULT");
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01CH4");
    }

    @Test
    void aFaultIsNotRestoredOnceTheSensorHasHadABadReading() {
        RuleEngine engine = engine();
        feed(engine, bad(seconds(0), 0.4));

        assertThat(engine.restore(restoredFault("01FAULT", FACE))).isFalse();
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void aSecondRestoredFaultOfTheSameSensorIsRefused() {
        RuleEngine engine = engine(restoredFault("01FIRST", FACE));

        assertThat(engine.restore(restoredFault("01SECOND", FACE))).isFalse();
        feed(engine, bad(seconds(0), 0.4));
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01FIRST");
    }
}
