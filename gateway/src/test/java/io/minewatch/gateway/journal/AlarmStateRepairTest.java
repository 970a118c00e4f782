package io.minewatch.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StoredAlarm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway killed between the journal's sync and the alarm state's: the journal has transitions the state lacks. */
class AlarmStateRepairTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private AlarmJournal journal;
    private AlarmStateStore state;

    @BeforeEach
    void open() throws Exception {
        journal = JournalFixtures.open(directory.resolve("journal"));
        state = AlarmStateStore.open(directory);
    }

    @AfterEach
    void close() {
        state.close();
        journal.close();
    }

    private static AlarmEvent event(String id, String alarmId, AlarmTransition transition, String sensor, Level level) {
        return new AlarmEvent(id, alarmId, transition, "CM01", sensor, Kind.CH4, "ch4",
                level == Level.RED ? "power_cut" : "alarm", level, transition == AlarmTransition.RAISED ? null
                : Level.ORANGE, 1.0, 1.2, JournalFixtures.T0, JournalFixtures.T0 + 5, true);
    }

    private List<AlarmEvent> repair() throws Exception {
        return AlarmStateRepair.repair(journal, state, JournalFixtures.MAPPER, AlarmStateRepair.DEFAULT_WINDOW);
    }

    @Test
    void raisesInTheStateAnAlarmOnlyTheJournalHolds() throws Exception {
        AlarmEvent raised = event("e1", "A", AlarmTransition.RAISED, "T1", Level.ORANGE);
        journal.appendDurably(List.of(raised), WAIT);

        assertThat(repair()).containsExactly(raised);

        assertThat(state.load()).extracting(s -> s.lastTransition().id()).containsExactly("e1");
    }

    @Test
    void takesTheLastLevelOfEachAlarmAndClearsWhatTheJournalCleared() throws Exception {
        state.apply(List.of(event("e1", "A", AlarmTransition.RAISED, "T1", Level.ORANGE),
                event("e2", "B", AlarmTransition.RAISED, "T2", Level.ORANGE)));
        journal.appendDurably(List.of(event("e1", "A", AlarmTransition.RAISED, "T1", Level.ORANGE),
                event("e2", "B", AlarmTransition.RAISED, "T2", Level.ORANGE),
                event("e3", "A", AlarmTransition.ESCALATED, "T1", Level.RED),
                event("e4", "B", AlarmTransition.CLEARED, "T2", Level.ORANGE)), WAIT);

        assertThat(repair()).extracting(AlarmEvent::id).containsExactly("e3", "e4");

        List<StoredAlarm> after = state.load();
        assertThat(after).extracting(s -> s.lastTransition().id()).containsExactly("e3");
        assertThat(after.get(0).lastTransition().level()).isEqualTo(Level.RED);
    }

    @Test
    void changesNothingWhenTheStateIsUpToDate() throws Exception {
        List<AlarmEvent> events = List.of(event("e1", "A", AlarmTransition.RAISED, "T1", Level.ORANGE),
                event("e2", "A", AlarmTransition.CLEARED, "T1", Level.ORANGE),
                event("e3", "C", AlarmTransition.RAISED, "T1", Level.ORANGE));
        journal.appendDurably(events, WAIT);
        state.apply(events);

        assertThat(repair()).isEmpty();
        assertThat(state.load()).extracting(s -> s.lastTransition().id()).containsExactly("e3");
    }

    @Test
    void readsBackEveryFieldOfAJournalledEvent() throws Exception {
        AlarmEvent original = JournalFixtures.event(10);
        journal.appendDurably(List.of(original), WAIT);

        assertThat(repair()).containsExactly(original);
    }
}
