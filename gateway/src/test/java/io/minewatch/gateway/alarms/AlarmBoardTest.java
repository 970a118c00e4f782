package io.minewatch.gateway.alarms;

import static io.minewatch.gateway.alarms.AlarmEvents.T0;
import static io.minewatch.gateway.alarms.AlarmEvents.cleared;
import static io.minewatch.gateway.alarms.AlarmEvents.escalated;
import static io.minewatch.gateway.alarms.AlarmEvents.raised;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmBoardTest {

    private final AlarmBoard board = new AlarmBoard(10);

    @Test
    void restoredAlarmsShowAsActiveUntilTheyClear() {
        AlarmEvent face = escalated("A1", "CM01-CH4-T1", "ch4", T0);
        AlarmEvent airway = raised("A2", "CM01-CH4-T2", "ch4", T0);

        board.restore(List.of(new StoredAlarm(face, T0 - 1000, null), new StoredAlarm(airway, T0, null)));

        assertThat(board.active()).containsExactly(face, airway);
        assertThat(board.levelOf("CM01-CH4-T1")).contains(Level.RED);
        assertThat(board.recent()).isEmpty();
        board.onAlarm(cleared("A2", "CM01-CH4-T2", "ch4", T0 + 1000));
        assertThat(board.active()).containsExactly(face);
    }

    @Test
    void anAlarmTheBoardAlreadyHoldsKeepsItsNewerEvent() {
        AlarmEvent newer = escalated("A1", "CM01-CH4-T1", "ch4", T0 + 1000);
        board.onAlarm(newer);

        board.restore(List.of(new StoredAlarm(raised("A1", "CM01-CH4-T1", "ch4", T0), T0, null)));

        assertThat(board.active()).containsExactly(newer);
    }
}
