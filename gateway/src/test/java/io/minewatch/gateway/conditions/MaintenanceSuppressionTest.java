package io.minewatch.gateway.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.maintenance.Maintenance;
import io.minewatch.gateway.maintenance.MaintenanceRefusedException;
import io.minewatch.gateway.rules.ActiveAlarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceSuppressionTest {

    private static final String SITES = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, profile: coal_ch4_working_face }
                  - { id: CM01-CH4-T2, kind: ch4, profile: coal_ch4_return_airway }
            """;
    private static final String CH4 = "CM01-CH4-T1";

    @TempDir
    Path dir;

    @Test
    void thresholdAlarmsOfASensorInMaintenanceAreSuppressedCountedAndVisible() throws Exception {
        ConditionsRig rig = new ConditionsRig(SITES, dir);
        Maintenance window = rig.maintenance.start(CH4, "calibration with 2 % CH4 test gas",
                rig.clock.instant().plus(Duration.ofHours(1)), "Wang Li");

        assertThat(rig.emitted).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo(ConditionRules.MAINTENANCE);
            assertThat(e.transition()).isEqualTo(AlarmTransition.RAISED);
            assertThat(e.level()).isEqualTo(Level.BLUE);
            assertThat(e.alarmId()).isEqualTo(window.alarmId());
            assertThat(e.details()).containsEntry("reason", "calibration with 2 % CH4 test gas")
                    .containsEntry("by", "Wang Li");
        });
        assertThat(rig.read(CH4, 2.0)).isEmpty();
        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.read(CH4, 0.2)).isEmpty();
        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.read(CH4, 1.2)).isEmpty();

        assertThat(rig.engine.activeAlarms()).isEmpty();
        assertThat(rig.maintenance.suppressedCount(CH4)).as("power cut at 2.0, then alarm at 1.2").isEqualTo(2);
        assertThat(rig.read("CM01-CH4-T2", 1.2)).as("another sensor alarms as usual").hasSize(1);
    }

    @Test
    void maintenanceEndsByItselfAtItsEndTimeAndAlarmsReturn() throws Exception {
        ConditionsRig rig = new ConditionsRig(SITES, dir);
        rig.maintenance.start(CH4, "calibration", rig.clock.instant().plus(Duration.ofMinutes(30)), "Wang Li");
        rig.read(CH4, 2.0);

        rig.clock.advance(Duration.ofMinutes(30));
        assertThat(rig.maintenance.active(CH4)).as("over by the clock before any sweep").isNull();
        assertThat(rig.read(CH4, 2.0)).extracting(AlarmEvent::ruleId, AlarmEvent::levelName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ch4", "power_cut"));

        rig.maintenance.expire();
        assertThat(rig.emitted).last().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo(ConditionRules.MAINTENANCE);
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.details()).containsEntry("ended", "end time reached").containsEntry("suppressed_alarms", "1");
        });
        assertThat(rig.maintenance.all()).isEmpty();
    }

    @Test
    void anAlarmActiveWhenMaintenanceBeginsStaysActive() throws Exception {
        ConditionsRig rig = new ConditionsRig(SITES, dir);
        AlarmEvent real = rig.read(CH4, 1.2).get(0);
        rig.maintenance.start(CH4, "calibration", rig.clock.instant().plus(Duration.ofHours(1)), "Wang Li");

        rig.clock.advance(Duration.ofSeconds(10));
        assertThat(rig.read(CH4, 0.1)).isEmpty();

        assertThat(rig.engine.activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly(real.alarmId());
    }

    @Test
    void endingEarlyClearsTheMaintenanceAlarmAndRestoresEvaluation() throws Exception {
        ConditionsRig rig = new ConditionsRig(SITES, dir);
        rig.maintenance.start(CH4, "calibration", rig.clock.instant().plus(Duration.ofHours(1)), "Wang Li");

        assertThat(rig.maintenance.end(CH4, "Zhao Min")).isPresent();

        assertThat(rig.emitted).last().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.details()).containsEntry("ended", "ended early by Zhao Min");
        });
        assertThat(rig.read(CH4, 1.2)).hasSize(1);
        assertThat(rig.maintenance.end(CH4, "Zhao Min")).isEmpty();
    }

    @Test
    void refusesAnUnknownSensorAndAnEndTimeInThePast() {
        ConditionsRig rig = new ConditionsRig(SITES, dir);

        assertThatThrownBy(() -> rig.maintenance.start("NOPE", "x", rig.clock.instant().plusSeconds(60), "a"))
                .isInstanceOfSatisfying(MaintenanceRefusedException.class, e -> assertThat(e.unknownSensor()).isTrue());
        assertThatThrownBy(() -> rig.maintenance.start(CH4, "x", rig.clock.instant().minusSeconds(1), "a"))
                .isInstanceOfSatisfying(MaintenanceRefusedException.class,
                        e -> assertThat(e.getMessage()).startsWith("until : "));
    }

    @Test
    void windowsSurviveARestartUnderTheirAlarmIds() throws Exception {
        ConditionsRig first = new ConditionsRig(SITES, dir);
        Maintenance window = first.maintenance.start(CH4, "calibration",
                first.clock.instant().plus(Duration.ofHours(1)), "Wang Li");
        List<ActiveAlarm> activeAtStop = List.of(new ActiveAlarm(window.alarmId(), "CM01", CH4,
                io.minewatch.config.quantity.Kind.CH4, ConditionRules.MAINTENANCE, "maintenance", Level.BLUE, 0, 0,
                0, 0));

        ConditionsRig second = new ConditionsRig(SITES, dir, activeAtStop);

        assertThat(second.emitted).as("the window continues: no second RAISED").isEmpty();
        assertThat(second.maintenance.active(CH4)).isEqualTo(window);
        assertThat(second.read(CH4, 2.0)).isEmpty();
    }

    @Test
    void configuredWindowStartsAtStartupAndOneEndedEarlyStaysEnded() throws Exception {
        String config = """
                conditions:
                  maintenance:
                    - { sensor: CM01-CH4-T1, reason: quarterly calibration, until: "2026-11-23T12:00:00Z" }
                """ + SITES;
        ConditionsRig first = new ConditionsRig(config, dir);
        assertThat(first.maintenance.active(CH4)).satisfies(m -> {
            assertThat(m.reason()).isEqualTo("quarterly calibration");
            assertThat(m.by()).isEqualTo(Maintenance.CONFIGURATION);
        });
        first.maintenance.end(CH4, "Zhao Min");

        ConditionsRig second = new ConditionsRig(config, dir);

        assertThat(second.maintenance.active(CH4)).isNull();
        assertThat(second.read(CH4, 1.2)).hasSize(1);
    }

    @Test
    void restoredMaintenanceAlarmWithoutAWindowIsCleared() {
        List<ActiveAlarm> activeAtStop = List.of(new ActiveAlarm("01OLD", "CM01", CH4,
                io.minewatch.config.quantity.Kind.CH4, ConditionRules.MAINTENANCE, "maintenance", Level.BLUE, 0, 0,
                0, 0));

        ConditionsRig rig = new ConditionsRig(SITES, dir, activeAtStop);

        assertThat(rig.emitted).singleElement().satisfies(e -> {
            assertThat(e.alarmId()).isEqualTo("01OLD");
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
        });
    }
}
