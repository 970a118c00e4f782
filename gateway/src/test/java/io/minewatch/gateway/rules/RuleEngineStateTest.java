package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.gateway.alarms.AlarmTransition.CLEARED;
import static io.minewatch.gateway.alarms.AlarmTransition.ESCALATED;
import static io.minewatch.gateway.alarms.AlarmTransition.RAISED;
import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.SITE;
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

/** Rule list changes, restore after a restart, snapshots, and readings that arrive late. */
class RuleEngineStateTest {

    private static final String FACE = "CM01-CH4-T1";
    private static final Rule CH4 = RuleFixtures.ch4WorkingFace();
    private static final Rule STRICT = RuleFixtures.ch4ReturnAirwayAs("ch4_strict");

    private List<Rule> rules = List.of(CH4, STRICT);
    private final RuleEngine engine = new RuleEngine(reading -> rules, CLOCK, new SequentialIds());

    private List<AlarmEvent> feed(long second, double value) {
        List<AlarmEvent> out = new ArrayList<>();
        engine.evaluate(ch4(FACE, seconds(second), value), out);
        return out;
    }

    @Test
    void ruleDroppedFromTheListHasItsAlarmClearedAndItsStateDiscarded() {
        List<AlarmEvent> raised = feed(0, 1.2);
        String strictAlarm = raised.get(1).alarmId();

        rules = List.of(CH4);
        List<AlarmEvent> afterReload = feed(10, 1.2);

        assertThat(afterReload).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.ruleId()).isEqualTo("ch4_strict");
            assertThat(e.alarmId()).isEqualTo(strictAlarm);
            assertThat(e.level()).isEqualTo(RED);
            assertThat(e.threshold()).isEqualTo(1.0);
        });
        assertThat(engine.activeAlarms()).extracting(ActiveAlarm::ruleId).containsExactly("ch4");

        rules = List.of(CH4, STRICT);
        assertThat(feed(20, 1.2)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(RAISED);
            assertThat(e.ruleId()).isEqualTo("ch4_strict");
            assertThat(e.alarmId()).isNotEqualTo(strictAlarm);
        });
    }

    @Test
    void ruleDroppedFromTheListForgetsItsPendingDuration() {
        Rule slow = new Rule("ch4_slow", Signal.VALUE, Direction.ABOVE,
                List.of(LevelThreshold.of("alarm", ORANGE, 1.0)), Duration.ofSeconds(10));
        rules = List.of(slow);
        feed(0, 1.2);
        rules = List.of();
        feed(5, 1.2);
        rules = List.of(slow);

        assertThat(feed(10, 1.2)).isEmpty();
        assertThat(feed(20, 1.2)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(RAISED));
    }

    @Test
    void equalRuleListFromAReloadKeepsTheAlarm() {
        String alarmId = feed(0, 1.2).get(0).alarmId();

        rules = List.of(RuleFixtures.ch4WorkingFace(), RuleFixtures.ch4ReturnAirwayAs("ch4_strict"));

        assertThat(feed(10, 1.2)).isEmpty();
        assertThat(feed(20, 1.6)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(ESCALATED);
            assertThat(e.alarmId()).isEqualTo(alarmId);
        });
    }

    @Test
    void redefinedRuleKeepsItsAlarmAndJudgesItByTheNewThresholds() {
        rules = List.of(CH4);
        String alarmId = feed(0, 1.2).get(0).alarmId();
        Rule raisedLimits = new Rule("ch4", Signal.VALUE, Direction.ABOVE, List.of(
                new LevelThreshold("alarm", ORANGE, 1.5, 1.5),
                new LevelThreshold("power_cut", RED, 2.0, 1.5)), Duration.ZERO);
        rules = List.of(raisedLimits);

        assertThat(feed(10, 1.2)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo(alarmId);
            assertThat(e.threshold()).isEqualTo(1.5);
        });
    }

    @Test
    void lateReadingCanRaiseButNeverClears() {
        rules = List.of(CH4);
        feed(100, 1.2);

        assertThat(feed(50, 0.4)).isEmpty();
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> assertThat(a.level()).isEqualTo(ORANGE));
        assertThat(feed(60, 1.7)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(ESCALATED));
        assertThat(feed(55, 0.2)).isEmpty();

        assertThat(feed(110, 0.2)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(CLEARED));
    }

    @Test
    void sensorWhoseClockSteppedBackRecoversWithItsNextReading() {
        rules = List.of(CH4);
        feed(1_000, 1.2);
        feed(10, 1.2);

        assertThat(feed(20, 0.3)).singleElement().satisfies(e -> assertThat(e.transition()).isEqualTo(CLEARED));
    }

    @Test
    void activeAlarmsAreSnapshotsOfEveryActiveAlarm() {
        feed(0, 1.6);
        String other = "CM01-CH4-T2";
        engine.evaluate(ch4(other, seconds(1), 1.1), new ArrayList<>());
        engine.evaluate(ch4(other, seconds(2), 0.5), new ArrayList<>());

        List<ActiveAlarm> active = engine.activeAlarms();

        assertThat(active).hasSize(2).allSatisfy(a -> {
            assertThat(a.sensor()).isEqualTo(FACE);
            assertThat(a.site()).isEqualTo(SITE);
            assertThat(a.kind()).isEqualTo(Kind.CH4);
            assertThat(a.level()).isEqualTo(RED);
            assertThat(a.value()).isEqualTo(1.6);
            assertThat(a.raisedAtMillis()).isEqualTo(CLOCK.millis());
        });
        assertThat(active).extracting(ActiveAlarm::ruleId).containsExactlyInAnyOrder("ch4", "ch4_strict");
        feed(10, 0.1);
        assertThat(active).hasSize(2);
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void restoredAlarmContinuesWithItsIdUntilTheValueClears() {
        rules = List.of(CH4);
        ActiveAlarm before = new ActiveAlarm("01RESTORED", SITE, FACE, Kind.CH4, "ch4", "alarm", ORANGE, 1.0, 1.3,
                1_000L, 2_000L);

        assertThat(engine.restore(before)).isTrue();
        assertThat(engine.activeAlarms()).containsExactly(before);
        assertThat(feed(0, 1.2)).isEmpty();
        assertThat(feed(10, 1.6)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(ESCALATED);
            assertThat(e.alarmId()).isEqualTo("01RESTORED");
            assertThat(e.previousLevel()).isEqualTo(ORANGE);
        });
        assertThat(engine.activeAlarms()).singleElement().satisfies(a -> {
            assertThat(a.alarmId()).isEqualTo("01RESTORED");
            assertThat(a.raisedAtMillis()).isEqualTo(1_000L);
            assertThat(a.level()).isEqualTo(RED);
        });
        assertThat(feed(20, 0.5)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo("01RESTORED");
        });
    }

    @Test
    void restoredAlarmOfARuleNoLongerAppliedIsClearedOnTheFirstReading() {
        rules = List.of(CH4);
        ActiveAlarm orphan = new ActiveAlarm("01ORPHAN", SITE, FACE, Kind.CH4, "ch4_old", "alarm", ORANGE, 0.8, 0.9,
                1_000L, 1_000L);
        engine.restore(orphan);

        assertThat(feed(0, 0.2)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(CLEARED);
            assertThat(e.alarmId()).isEqualTo("01ORPHAN");
            assertThat(e.ruleId()).isEqualTo("ch4_old");
            assertThat(e.threshold()).isEqualTo(0.8);
        });
        assertThat(engine.activeAlarms()).isEmpty();
    }

    @Test
    void restoreIsRefusedOnceTheSensorHasReported() {
        feed(0, 0.2);
        ActiveAlarm stale = new ActiveAlarm("01STALE", SITE, FACE, Kind.CH4, "ch4", "alarm", ORANGE, 1.0, 1.3,
                1_000L, 1_000L);

        assertThat(engine.restore(stale)).isFalse();
        assertThat(engine.activeAlarms()).isEmpty();
        assertThat(feed(10, 0.2)).isEmpty();
    }

    @Test
    void secondRestoreOfTheSameRuleIsRefused() {
        ActiveAlarm first = new ActiveAlarm("01A", SITE, FACE, Kind.CH4, "ch4", "alarm", ORANGE, 1.0, 1.3, 1L, 1L);
        ActiveAlarm second = new ActiveAlarm("01B", SITE, FACE, Kind.CH4, "ch4", "power_cut", RED, 1.5, 1.6, 2L, 2L);

        assertThat(engine.restore(first)).isTrue();
        assertThat(engine.restore(second)).isFalse();
        assertThat(engine.activeAlarms()).containsExactly(first);
    }
}
