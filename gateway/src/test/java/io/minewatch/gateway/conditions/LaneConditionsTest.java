package io.minewatch.gateway.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.rules.ActiveAlarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaneConditionsTest {

    private static final String CONFIG = """
            conditions:
              sensors:
                CM01-CH4-T1: { flatline_after: 1h }
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, profile: coal_ch4_working_face }
            """;
    private static final String CH4 = "CM01-CH4-T1";

    @TempDir
    Path dir;

    @Test
    void valueOutsideThePhysicalRangeRaisesOutOfRangeInsteadOfAThresholdAlarm() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);

        List<AlarmEvent> broken = rig.read(CH4, 999);

        assertThat(broken).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo(ConditionRules.OUT_OF_RANGE);
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.level()).isEqualTo(Level.YELLOW);
            assertThat(e.value()).isEqualTo(999);
            assertThat(e.threshold()).isEqualTo(100);
        });
        assertThat(rig.engine.activeAlarms()).isEmpty();

        rig.clock.advance(Duration.ofSeconds(10));
        List<AlarmEvent> back = rig.read(CH4, 0.4);
        assertThat(back).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo(ConditionRules.OUT_OF_RANGE);
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.alarmId()).isEqualTo(broken.get(0).alarmId());
        });
    }

    @Test
    void outOfRangeValueNeverClearsAnActiveMethaneAlarm() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        AlarmEvent alarm = rig.read(CH4, 1.2).get(0);
        assertThat(alarm.ruleId()).isEqualTo("ch4");

        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.read(CH4, -5)).extracting(AlarmEvent::ruleId).containsExactly(ConditionRules.OUT_OF_RANGE);

        assertThat(rig.engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly(alarm.alarmId());
    }

    @Test
    void valueExactlyConstantForTheFlatlineTimeRaisesFlatlineAndAChangeClearsIt() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        List<AlarmEvent> events = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            events.addAll(rig.read(CH4, 0.31));
            rig.clock.advance(Duration.ofSeconds(10));
        }
        assertThat(events).as("59 min 50 s of the same value").isEmpty();

        List<AlarmEvent> stuck = rig.read(CH4, 0.31);
        assertThat(stuck).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo(ConditionRules.FLATLINE);
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.value()).isEqualTo(0.31);
            assertThat(e.details()).containsEntry("constant_since", ConditionsRig.START.toString());
        });

        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.read(CH4, 0.32)).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.alarmId()).isEqualTo(stuck.get(0).alarmId());
        });
    }

    @Test
    void aValueChangeRestartsTheFlatlineTime() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        rig.read(CH4, 0.31);
        rig.clock.advance(Duration.ofMinutes(40));
        rig.read(CH4, 0.32);
        rig.clock.advance(Duration.ofMinutes(40));

        assertThat(rig.read(CH4, 0.32)).isEmpty();
        rig.clock.advance(Duration.ofMinutes(20));
        assertThat(rig.read(CH4, 0.32)).extracting(AlarmEvent::ruleId).containsExactly(ConditionRules.FLATLINE);
    }

    @Test
    void cleanAirAtTheBottomOfTheRangeIsNotAFlatline() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        List<AlarmEvent> events = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            events.addAll(rig.read(CH4, 0.0));
            rig.clock.advance(Duration.ofMinutes(10));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void restoredFlatlineContinuesUnderItsIdAndClearsWhenTheValueMoves() {
        ActiveAlarm restored = new ActiveAlarm("01FLAT", "CM01", CH4, io.minewatch.config.quantity.Kind.CH4,
                ConditionRules.FLATLINE, ConditionRules.FLATLINE, Level.YELLOW, 3600, 0.31, 0, 0);
        ConditionsRig rig = new ConditionsRig(CONFIG, dir, List.of(restored));

        assertThat(rig.read(CH4, 0.31)).isEmpty();
        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.read(CH4, 0.35)).singleElement().satisfies(e -> {
            assertThat(e.alarmId()).isEqualTo("01FLAT");
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
        });
    }
}
