package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.gateway.alarms.AlarmTransition.CLEARED;
import static io.minewatch.gateway.alarms.AlarmTransition.DEESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.ESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.RAISED;
import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.SITE;
import static io.minewatch.gateway.rules.RuleFixtures.ch4;
import static io.minewatch.gateway.rules.RuleFixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.Rule;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Engines built with the alarms that were active before a restart, as every lane's engine is. */
class RuleEngineRestartTest {

    private static final String FACE = "CM01-CH4-T1";
    private static final String AIRWAY = "CM01-CH4-T2";
    private static final String POND = "TP01-WL-1";

    private Map<String, List<Rule>> rulesBySensor = Map.of(FACE, List.of(RuleFixtures.ch4WorkingFace()),
            AIRWAY, List.of(RuleFixtures.ch4WorkingFace()), POND, List.of(RuleFixtures.pondWaterLevel()));

    private RuleEngine engine(ActiveAlarm... restored) {
        return new RuleEngine(reading -> rulesBySensor.getOrDefault(reading.sensor(), List.of()), CLOCK,
                new SequentialIds(), RestoredAlarms.of(List.of(restored)));
    }

    private static ActiveAlarm ch4Alarm(String alarmId, String sensor, String levelName, Level level) {
        return new ActiveAlarm(alarmId, SITE, sensor, Kind.CH4, "ch4", levelName, level,
                level == RED ? 1.5 : 1.0, 1.3, 1_000L, 2_000L);
    }

    private static List<AlarmEvent> feed(RuleEngine engine, Reading reading) {
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(reading, out);
        return out;
    }

    /** A reading the broker delivers again (DUP): it may have been evaluated before. */
    private static List<AlarmEvent> feedAgain(RuleEngine engine, Reading reading) {
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(reading, true, out);
        return out;
    }

    private RuleEngine engineReflecting(String sensor, long evaluatedUpTo) {
        return new RuleEngine(reading -> rulesBySensor.getOrDefault(reading.sensor(), List.of()), CLOCK,
                new SequentialIds(), RestoredAlarms.of(List.of(), Map.of(sensor, evaluatedUpTo)));
    }

    @Test
    void aReadingDeliveredAgainThatTheRestoredStateReflectsIsNotEvaluatedAgain() {
        // Before the stop: raised at 0 s, cleared at 2 s, both durable; the PUBACKs of 1 s and 2 s never left.
        RuleEngine engine = engineReflecting(FACE, seconds(2));

        List<AlarmEvent> out = new ArrayList<>();
        assertThat(engine.evaluate(ch4(FACE, seconds(1), 1.3), true, out)).isFalse();
        assertThat(engine.evaluate(ch4(FACE, seconds(2), 0.5), true, out)).isFalse();
        assertThat(out).isEmpty();
        assertThat(engine.activeAlarms()).isEmpty();
        // A message delivered again may hold readings that were never evaluated: those newer than the state are.
        assertThat(feedAgain(engine, ch4(FACE, seconds(3), 1.3))).extracting(AlarmEvent::transition)
                .containsExactly(RAISED);
        // Another sensor's time is its own.
        assertThat(feedAgain(engine, ch4(AIRWAY, seconds(1), 1.3))).extracting(AlarmEvent::transition)
                .containsExactly(RAISED);
    }

    @Test
    void aLateReadingDeliveredForTheFirstTimeStillRaises() {
        RuleEngine engine = engineReflecting(FACE, seconds(2));

        // A sensor whose clock stepped back keeps alarming: only redelivery marks a reading as seen before.
        assertThat(feed(engine, ch4(FACE, seconds(1), 1.3))).extracting(AlarmEvent::transition)
                .containsExactly(RAISED);
    }

    @Test
    void aRestoredAlarmsLastReadingIsReflectedToo() {
        RuleEngine engine = engine(new ActiveAlarm("01BEFORE", SITE, FACE, Kind.CH4, "ch4", "alarm", ORANGE, 1.0, 1.3,
                1_000L, 2_000L, seconds(5)));

        // Evaluated again, 1.7 % would escalate it (a late reading may escalate): the alarm already reflects it.
        List<AlarmEvent> out = new ArrayList<>();
        assertThat(engine.evaluate(ch4(FACE, seconds(4), 1.7), true, out)).isFalse();
        assertThat(out).isEmpty();
        assertThat(feed(engine, ch4(FACE, seconds(6), 1.3))).isEmpty();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId, ActiveAlarm::level)
                .containsExactly(org.assertj.core.api.Assertions.tuple("01BEFORE", ORANGE));
        assertThat(feedAgain(engine, ch4(FACE, seconds(7), 0.5))).extracting(AlarmEvent::transition)
                .containsExactly(CLEARED);
    }

    @Test
    void withoutARestartAReadingDeliveredAgainAfterItsAlarmClearedRaisesNothing() {
        // The broker reconnects and sends again what was evaluated but not yet acknowledged.
        RuleEngine engine = engine();
        feed(engine, ch4(FACE, seconds(1), 1.3));
        feed(engine, ch4(FACE, seconds(2), 0.5));

        assertThat(feedAgain(engine, ch4(FACE, seconds(1), 1.3))).isEmpty();
        assertThat(feedAgain(engine, ch4(FACE, seconds(2), 0.5))).isEmpty();
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void aRedeliveredReadingStillAboveTheThresholdRaisesNothing() {
        ActiveAlarm before = ch4Alarm("01BEFORE", FACE, "alarm", ORANGE);
        RuleEngine engine = engine(before);

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.2))).isEmpty();
        assertThat(feed(engine, ch4(FACE, seconds(1), 1.2))).isEmpty();
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> {
            assertThat(a.alarmId()).isEqualTo("01BEFORE");
            assertThat(a.raisedAtMillis()).isEqualTo(1_000L);
        });
    }

    @Test
    void aReadingBelowTheRestoreThresholdClearsTheAlarmUnderItsRestoredId() {
        RuleEngine engine = engine(ch4Alarm("01BEFORE", FACE, "alarm", ORANGE));

        assertThat(feed(engine, ch4(FACE, seconds(0), 0.6))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo("01BEFORE");
            assertThat(e.level()).isEqualTo(ORANGE);
            assertThat(e.threshold()).isEqualTo(1.0);
        });
        assertThat(engine.activeAlarms()).isEmpty();
        assertThat(feed(engine, ch4(FACE, seconds(10), 1.1))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.alarmId()).isNotEqualTo("01BEFORE");
        });
    }

    @Test
    void aReadingOlderThanTheRestoredAlarmsLastTransitionDoesNotClearIt() {
        // Killed after the alarm escalated at 50 s: the broker delivers again readings from before, including one
        // that was below the restore threshold before the value rose again.
        ActiveAlarm red = new ActiveAlarm("01RED", SITE, FACE, Kind.CH4, "ch4", "power_cut", RED, 1.5, 1.6, 1_000L,
                2_000L, seconds(50));
        RuleEngine engine = engine(red);

        assertThat(feed(engine, ch4(FACE, seconds(30), 0.8))).isEmpty();
        assertThat(feed(engine, ch4(FACE, seconds(40), 1.1))).isEmpty();
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> assertThat(a.level()).isEqualTo(RED));
        assertThat(feed(engine, ch4(FACE, seconds(60), 0.8))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo("01RED");
        });
    }

    @Test
    void aRestoredAlarmEscalatesFromItsRestoredLevel() {
        RuleEngine engine = engine(ch4Alarm("01BEFORE", FACE, "alarm", ORANGE));

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.6))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(ESCALATED);
            assertThat(e.alarmId()).isEqualTo("01BEFORE");
            assertThat(e.previousLevel()).isEqualTo(ORANGE);
            assertThat(e.level()).isEqualTo(RED);
        });
    }

    @Test
    void aRestoredRedAlarmStaysRedWhileTheValueIsAboveItsRestoreThreshold() {
        RuleEngine engine = engine(ch4Alarm("01BEFORE", FACE, "power_cut", RED));

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.2))).isEmpty();
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> assertThat(a.level()).isEqualTo(RED));
    }

    @Test
    void aRestoredAlarmDeescalatesFromItsRestoredLevel() {
        ActiveAlarm red = new ActiveAlarm("01POND", "TP01", POND, Kind.WATER_LEVEL, "water_level", "red", RED, 13.0,
                13.2, 1_000L, 2_000L);
        RuleEngine engine = engine(red);

        List<AlarmEvent> events = feed(engine, RuleFixtures.reading(POND, Kind.WATER_LEVEL, seconds(0), 12.5));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(DEESCALATED);
            assertThat(e.alarmId()).isEqualTo("01POND");
            assertThat(e.previousLevel()).isEqualTo(RED);
            assertThat(e.level()).isEqualTo(ORANGE);
        });
    }

    @Test
    void aRestoredAlarmWhoseSensorNoLongerHasRulesIsClearedOnceOnItsFirstReading() {
        rulesBySensor = Map.of();
        RuleEngine engine = engine(ch4Alarm("01ORPHAN", FACE, "alarm", ORANGE));

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.2))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo("01ORPHAN");
        });
        assertThat(feed(engine, ch4(FACE, seconds(1), 1.2))).isEmpty();
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void aRestoredAlarmWhoseRuleIsGoneFromTheProfileIsClearedOnTheFirstReading() {
        ActiveAlarm orphan = new ActiveAlarm("01ORPHAN", SITE, FACE, Kind.CH4, "ch4_old", "alarm", ORANGE, 0.8, 0.9,
                1_000L, 1_000L);
        RuleEngine engine = engine(orphan, ch4Alarm("01KEPT", FACE, "alarm", ORANGE));

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.2))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo("01ORPHAN");
            assertThat(e.threshold()).isEqualTo(0.8);
        });
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01KEPT");
    }

    @Test
    void everyLaneGetsTheSameSnapshotAndEachAlarmIsTakenByTheLaneThatSeesItsSensor() {
        RestoredAlarms snapshot = RestoredAlarms.of(List.of(ch4Alarm("01FACE", FACE, "alarm", ORANGE),
                ch4Alarm("01AIRWAY", AIRWAY, "alarm", ORANGE)));
        RuleEngine laneA = new RuleEngine(reading -> rulesBySensor.get(reading.sensor()), CLOCK, new SequentialIds(),
                snapshot);
        RuleEngine laneB = new RuleEngine(reading -> rulesBySensor.get(reading.sensor()), CLOCK, new SequentialIds(),
                snapshot);

        assertThat(laneA.activeAlarms()).isEmpty();
        assertThat(feed(laneA, ch4(FACE, seconds(0), 1.2))).isEmpty();
        assertThat(feed(laneB, ch4(AIRWAY, seconds(0), 0.4))).singleElement()
                .satisfies(e -> assertThat(e.alarmId()).isEqualTo("01AIRWAY"));

        assertThat(laneA.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01FACE");
        assertThat(laneB.activeAlarms()).isEmpty();
    }

    @Test
    void aSensorWithoutARestoredAlarmStartsAfresh() {
        RuleEngine engine = engine(ch4Alarm("01FACE", FACE, "alarm", ORANGE));

        assertThat(feed(engine, ch4(AIRWAY, seconds(0), 1.2))).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.alarmId()).isEqualTo("id-1");
        });
    }

    @Test
    void aSnapshotAlarmTakesPrecedenceOverALaterRestoreOfTheSameRule() {
        RuleEngine engine = engine(ch4Alarm("01SNAPSHOT", FACE, "alarm", ORANGE));

        assertThat(engine.restore(ch4Alarm("01OTHER", FACE, "power_cut", RED))).isFalse();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01SNAPSHOT");
        assertThat(feed(engine, ch4(FACE, seconds(0), 0.2))).singleElement()
                .satisfies(e -> assertThat(e.alarmId()).isEqualTo("01SNAPSHOT"));
    }

    @Test
    void aRestoredAlarmOfARuleWithADurationNeedsNoNewDurationToStayRaised() {
        rulesBySensor = Map.of(FACE, List.of(RuleFixtures.ch4WorkingFace(Duration.ofSeconds(30))));
        RuleEngine engine = engine(ch4Alarm("01BEFORE", FACE, "alarm", ORANGE));

        assertThat(feed(engine, ch4(FACE, seconds(0), 1.2))).isEmpty();
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("01BEFORE");
    }

    @Test
    void restoredAlarmsAreLookedUpBySensor() {
        ActiveAlarm face = ch4Alarm("01FACE", FACE, "alarm", ORANGE);
        RestoredAlarms snapshot = RestoredAlarms.of(List.of(face, ch4Alarm("01AIRWAY", AIRWAY, "alarm", ORANGE)));

        assertThat(snapshot.of(FACE)).containsExactly(face);
        assertThat(snapshot.of("nowhere")).isEmpty();
        assertThat(snapshot.size()).isEqualTo(2);
        assertThat(RestoredAlarms.NONE.isEmpty()).isTrue();
    }
}
