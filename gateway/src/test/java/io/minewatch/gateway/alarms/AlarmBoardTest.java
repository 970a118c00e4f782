package io.minewatch.gateway.alarms;

import static io.minewatch.gateway.alarms.AlarmEvents.T0;
import static io.minewatch.gateway.alarms.AlarmEvents.acknowledged;
import static io.minewatch.gateway.alarms.AlarmEvents.cleared;
import static io.minewatch.gateway.alarms.AlarmEvents.escalated;
import static io.minewatch.gateway.alarms.AlarmEvents.raised;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import java.util.List;
import java.util.Map;
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

    @Test
    void aClearedAlarmStandsUntilAcknowledgedButIsNoLongerActive() {
        board.onAlarm(raised("A1", "CM01-CH4-T1", "ch4", T0));
        board.onAlarm(cleared("A1", "CM01-CH4-T1", "ch4", T0 + 1000));

        assertThat(board.active()).isEmpty();
        assertThat(board.levelOf("CM01-CH4-T1")).isEmpty();
        assertThat(board.standing()).singleElement().satisfies(a -> {
            assertThat(a.isActive()).isFalse();
            assertThat(a.isAcknowledged()).isFalse();
        });

        board.onAlarm(acknowledged("A1", "CM01-CH4-T1", "ch4", T0 + 2000)
                .withDetails(Map.of(AlarmDetails.ACKNOWLEDGED_BY, "li.wei")));

        assertThat(board.standing()).isEmpty();
        assertThat(board.standing("A1")).isEmpty();
    }

    @Test
    void anAcknowledgedActiveAlarmStandsWithItsAcknowledgementUntilItClears() {
        board.onAlarm(raised("A1", "CM01-CH4-T1", "ch4", T0));
        board.onAlarm(acknowledged("A1", "CM01-CH4-T1", "ch4", T0 + 500)
                .withDetails(Map.of(AlarmDetails.ACKNOWLEDGED_BY, "li.wei", AlarmDetails.NOTE, "ventilation")));
        board.onAlarm(escalated("A1", "CM01-CH4-T1", "ch4", T0 + 1000));

        assertThat(board.standing("A1")).get().satisfies(a -> {
            assertThat(a.isActive()).isTrue();
            assertThat(a.lastTransition().level()).isEqualTo(Level.RED);
            assertThat(a.acknowledgement()).isEqualTo(new Acknowledgement("li.wei", T0 + 507, "ventilation"));
        });

        board.onAlarm(cleared("A1", "CM01-CH4-T1", "ch4", T0 + 2000));

        assertThat(board.standing()).isEmpty();
    }

    @Test
    void activeAlarmsComeBeforeClearedOnesMostSevereFirst() {
        board.onAlarm(raised("A1", "S1", "ch4", T0));
        board.onAlarm(cleared("A1", "S1", "ch4", T0 + 10));
        board.onAlarm(raised("A2", "S2", "ch4", T0 + 20));
        board.onAlarm(escalated("A3", "S3", "ch4", T0 + 30));

        assertThat(board.standing()).extracting(StandingAlarm::alarmId).containsExactly("A3", "A2", "A1");
    }

    @Test
    void shelvingShowsOnTheRulesStandingAlarms() {
        board.onAlarm(raised("A1", "S1", "ch4", T0));
        board.onAlarm(AlarmEvents.event("s1", "A1", AlarmTransition.SHELVED, "S1", "ch4", "alarm", Level.ORANGE,
                Level.ORANGE, 1.0, 1.2, T0 + 10));

        assertThat(board.standing("A1")).get().extracting(StandingAlarm::shelved).isEqualTo(true);
        assertThat(board.isShelved("S1", "ch4")).isTrue();

        board.onAlarm(AlarmEvents.event("u1", "A1", AlarmTransition.UNSHELVED, "S1", "ch4", "alarm", Level.ORANGE,
                Level.ORANGE, 1.0, 1.2, T0 + 20));

        assertThat(board.standing("A1")).get().extracting(StandingAlarm::shelved).isEqualTo(false);
    }
}
