package io.minewatch.gateway.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.rules.ActiveAlarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineMonitorTest {

    private static final String CONFIG = """
            conditions:
              sensors:
                TP01-WL-1: { period: 10m, offline_after_periods: 2 }
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4 }
              - id: TP01
                type: tailings_pond
                sensors:
                  - { id: TP01-WL-1, kind: water_level }
            """;
    private static final String CH4 = "CM01-CH4-T1";

    @TempDir
    Path dir;

    @Test
    void sensorSilentForThreePeriodsGoesOfflineAndClearsWhenReadingsResume() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        rig.read(CH4, 0.2);
        rig.read("TP01-WL-1", 5.0);

        rig.clock.advance(Duration.ofSeconds(29));
        rig.offline.tick();
        assertThat(rig.emitted).isEmpty();

        rig.clock.advance(Duration.ofSeconds(1));
        rig.offline.tick();
        assertThat(rig.emitted).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo(ConditionRules.OFFLINE);
            assertThat(e.sensor()).isEqualTo(CH4);
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.level()).isEqualTo(Level.YELLOW);
            assertThat(e.threshold()).isEqualTo(30);
            assertThat(e.details()).containsEntry("last_reading", ConditionsRig.START.toString());
        });
        rig.offline.tick();
        assertThat(rig.emitted).as("raised once").hasSize(1);

        rig.clock.advance(Duration.ofMinutes(2));
        rig.read(CH4, 0.2);
        rig.offline.tick();
        assertThat(rig.emitted).hasSize(2).last().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.alarmId()).isEqualTo(rig.emitted.get(0).alarmId());
        });
    }

    @Test
    void eachSensorHasItsOwnPeriod() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        rig.read("TP01-WL-1", 5.0);
        for (int i = 0; i < 19; i++) {
            rig.clock.advance(Duration.ofSeconds(60));
            rig.read(CH4, 0.2);
            rig.offline.tick();
        }
        assertThat(rig.emitted).isEmpty();

        rig.clock.advance(Duration.ofSeconds(60));
        rig.read(CH4, 0.2);
        rig.offline.tick();
        assertThat(rig.emitted).extracting(AlarmEvent::sensor).containsExactly("TP01-WL-1");
    }

    @Test
    void registeredSensorThatNeverReportsIsRaisedOnceItsOfflineTimeHasPassedSinceTheStart() {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);

        rig.clock.advance(Duration.ofSeconds(30));
        rig.offline.tick();

        assertThat(rig.emitted).extracting(AlarmEvent::sensor).containsExactly(CH4);
        assertThat(rig.emitted.get(0).details().get("last_reading")).startsWith("none since the gateway started");
    }

    @Test
    void sensorInMaintenanceIsNotRaisedOfflineButTheSuppressionIsCounted() throws Exception {
        ConditionsRig rig = new ConditionsRig(CONFIG, dir);
        rig.read("TP01-WL-1", 5.0);
        rig.maintenance.start(CH4, "sensor head replaced", rig.clock.instant().plus(Duration.ofHours(1)), "Wang Li");
        rig.emitted.clear();

        rig.clock.advance(Duration.ofMinutes(5));
        rig.offline.tick();
        rig.offline.tick();

        assertThat(rig.emitted).isEmpty();
        assertThat(rig.maintenance.suppressedCount(CH4)).isEqualTo(1);
    }

    @Test
    void restoredOfflineAlarmClearsUnderItsIdWhenTheSensorReports() {
        ActiveAlarm before = new ActiveAlarm("01OFF", "CM01", CH4, io.minewatch.config.quantity.Kind.CH4,
                ConditionRules.OFFLINE, ConditionRules.OFFLINE, Level.YELLOW, 30, 95, 0, 0);
        ConditionsRig rig = new ConditionsRig(CONFIG, dir, List.of(before));

        rig.clock.advance(Duration.ofSeconds(1));
        rig.read(CH4, 0.2);
        rig.offline.tick();

        assertThat(rig.emitted).singleElement().satisfies(e -> {
            assertThat(e.alarmId()).isEqualTo("01OFF");
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
        });
    }
}
