package io.minewatch.gateway.alarms;

import static io.minewatch.gateway.alarms.AlarmEvents.T0;
import static io.minewatch.gateway.alarms.AlarmEvents.acknowledged;
import static io.minewatch.gateway.alarms.AlarmEvents.cleared;
import static io.minewatch.gateway.alarms.AlarmEvents.deescalated;
import static io.minewatch.gateway.alarms.AlarmEvents.escalated;
import static io.minewatch.gateway.alarms.AlarmEvents.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.rules.ActiveAlarm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmStateStoreTest {

    private static final String FACE = "CM01-CH4-T1";
    private static final String RETURN = "CM01-CH4-T2";

    @TempDir
    Path directory;

    private AlarmStateStore store;

    @BeforeEach
    void open() throws Exception {
        store = AlarmStateStore.open(directory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<StoredAlarm> reopenAndLoad() throws Exception {
        store.close();
        store = AlarmStateStore.open(directory);
        return store.load();
    }

    @Test
    void aRaisedAlarmIsLoadedAfterReopenWithItsLastTransitionInFull() throws Exception {
        AlarmEvent raised = raised("A1", FACE, "ch4", T0);

        store.apply(List.of(raised));

        assertThat(directory.resolve("alarm-state.db")).isRegularFile();
        assertThat(reopenAndLoad()).containsExactly(new StoredAlarm(raised, T0 + 7, null));
    }

    @Test
    void escalationAndDeescalationMoveTheLevelAndKeepTheRaiseTime() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0)));
        store.apply(List.of(escalated("A1", FACE, "ch4", T0 + 1000)));

        StoredAlarm escalated = reopenAndLoad().get(0);
        assertThat(escalated.lastTransition()).isEqualTo(escalated("A1", FACE, "ch4", T0 + 1000));
        assertThat(escalated.raisedAtMillis()).isEqualTo(T0 + 7);

        store.apply(List.of(deescalated("A1", FACE, "ch4", T0 + 2000)));

        assertThat(reopenAndLoad()).singleElement().satisfies(a -> {
            assertThat(a.active()).isEqualTo(new ActiveAlarm("A1", "CM01", FACE, Kind.CH4, "ch4", "alarm",
                    Level.ORANGE, 1.0, 1.3, T0 + 7, T0 + 2007, T0 + 2000));
            assertThat(a.lastTransition().previousLevel()).isEqualTo(Level.RED);
        });
    }

    @Test
    void reopenLoadsExactlyTheAlarmsStillActiveOldestRaisedFirst() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), raised("A2", FACE, "ch4_strict", T0)));
        store.apply(List.of(raised("A3", RETURN, "ch4", T0 + 500)));
        store.apply(List.of(escalated("A1", FACE, "ch4", T0 + 1000), cleared("A2", FACE, "ch4_strict", T0 + 1000)));
        store.apply(List.of(raised("A4", RETURN, "co", T0 + 1500), cleared("A3", RETURN, "ch4", T0 + 2000)));

        assertThat(reopenAndLoad()).extracting(a -> a.lastTransition().alarmId(), StoredAlarm::raisedAtMillis)
                .containsExactly(tuple("A1", T0 + 7), tuple("A4", T0 + 1507));
    }

    @Test
    void applyingTheSameTransitionsAgainChangesNothing() throws Exception {
        List<AlarmEvent> batch = List.of(raised("A1", FACE, "ch4", T0), escalated("A1", FACE, "ch4", T0 + 1000));
        store.apply(batch);
        List<StoredAlarm> once = store.load();

        store.apply(batch);
        store.apply(List.of(cleared("A2", RETURN, "ch4", T0 + 2000)));
        store.apply(List.of(cleared("A2", RETURN, "ch4", T0 + 2000)));

        assertThat(reopenAndLoad()).isEqualTo(once).hasSize(1);
    }

    @Test
    void aClearOfAnOlderAlarmLeavesTheNewerAlarmOfTheSameRule() throws Exception {
        store.apply(List.of(raised("NEW", FACE, "ch4", T0 + 5000)));

        store.apply(List.of(cleared("OLD", FACE, "ch4", T0)));

        assertThat(store.load()).extracting(a -> a.lastTransition().alarmId()).containsExactly("NEW");
    }

    @Test
    void aNewAlarmOfTheSameRuleReplacesAStaleOneWithItsRaiseTimeAndAcknowledgement() throws Exception {
        store.apply(List.of(raised("OLD", FACE, "ch4", T0)));
        store.acknowledge("OLD", new Acknowledgement("li.wei", T0 + 100, "checked ventilation"));

        store.apply(List.of(raised("NEW", FACE, "ch4", T0 + 5000)));

        assertThat(reopenAndLoad()).singleElement().satisfies(a -> {
            assertThat(a.lastTransition().alarmId()).isEqualTo("NEW");
            assertThat(a.raisedAtMillis()).isEqualTo(T0 + 5007);
            assertThat(a.isAcknowledged()).isFalse();
        });
    }

    @Test
    void anEscalationWhoseRaiseWasNeverRecordedStillRecordsTheAlarm() throws Exception {
        store.apply(List.of(escalated("A1", FACE, "ch4", T0 + 1000)));

        assertThat(store.load()).singleElement().satisfies(a -> {
            assertThat(a.active().level()).isEqualTo(Level.RED);
            assertThat(a.raisedAtMillis()).isEqualTo(T0 + 1007);
        });
    }

    @Test
    void theAcknowledgementIsKeptThroughEscalationAndReopen() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0)));

        assertThat(store.acknowledge("A1", new Acknowledgement("li.wei", T0 + 100, "checked ventilation"))).isTrue();
        store.apply(List.of(escalated("A1", FACE, "ch4", T0 + 1000)));

        assertThat(reopenAndLoad()).singleElement().extracting(StoredAlarm::acknowledgement)
                .isEqualTo(new Acknowledgement("li.wei", T0 + 100, "checked ventilation"));
    }

    @Test
    void anAcknowledgedEventRecordsTheTimeAndKeepsWhoAndTheNote() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), raised("A2", RETURN, "ch4", T0)));
        store.acknowledge("A1", new Acknowledgement("li.wei", T0 + 100, "checked ventilation"));

        store.apply(List.of(acknowledged("A1", FACE, "ch4", T0 + 200), acknowledged("A2", RETURN, "ch4", T0 + 300)));

        assertThat(reopenAndLoad()).extracting(StoredAlarm::acknowledgement).containsExactly(
                new Acknowledgement("li.wei", T0 + 207, "checked ventilation"),
                new Acknowledgement(null, T0 + 307, null));
        assertThat(store.load()).extracting(a -> a.lastTransition().transition())
                .containsOnly(AlarmTransition.RAISED);
    }

    @Test
    void acknowledgingAnAlarmThatIsNotStandingChangesNothing() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), acknowledged("A1", FACE, "ch4", T0 + 5),
                cleared("A1", FACE, "ch4", T0 + 10)));

        assertThat(store.acknowledge("A1", new Acknowledgement("li.wei", T0 + 100, null))).isFalse();
        assertThat(store.acknowledge("NONE", new Acknowledgement("li.wei", T0 + 100, null))).isFalse();
        assertThat(store.loadStanding()).isEmpty();
    }

    @Test
    void aClearedUnacknowledgedAlarmStandsAfterReopenButIsNotActive() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0)));
        store.apply(List.of(cleared("A1", FACE, "ch4", T0 + 1000)));

        assertThat(reopenAndLoad()).isEmpty();
        assertThat(store.loadStanding()).singleElement().satisfies(a -> {
            assertThat(a.alarmId()).isEqualTo("A1");
            assertThat(a.isActive()).isFalse();
            assertThat(a.isAcknowledged()).isFalse();
            assertThat(a.cleared()).isEqualTo(cleared("A1", FACE, "ch4", T0 + 1000));
            assertThat(a.raisedAtMillis()).isEqualTo(T0 + 7);
        });
    }

    @Test
    void acknowledgingAClearedAlarmRemovesIt() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), cleared("A1", FACE, "ch4", T0 + 10)));

        store.apply(List.of(acknowledgedBy("A1", "li.wei", "sensor cleaned", T0 + 100)));

        assertThat(reopenAndLoad()).isEmpty();
        assertThat(store.loadStanding()).isEmpty();
    }

    @Test
    void anAcknowledgedAlarmThatClearsLeavesAndANewAlarmOfTheRuleStandsBesideAClearedOne() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), acknowledgedBy("A1", "li.wei", null, T0 + 5)));
        store.apply(List.of(cleared("A1", FACE, "ch4", T0 + 10)));
        store.apply(List.of(raised("A2", FACE, "ch4", T0 + 20), cleared("A2", FACE, "ch4", T0 + 30)));
        store.apply(List.of(raised("A3", FACE, "ch4", T0 + 40)));

        store.close();
        store = AlarmStateStore.open(directory);
        assertThat(store.loadStanding()).extracting(StandingAlarm::alarmId, StandingAlarm::isActive)
                .containsExactly(tuple("A2", false), tuple("A3", true));
    }

    @Test
    void anAcknowledgedEventRecordsWhoTheNoteAndTheTimeFromItsDetails() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0)));

        store.apply(List.of(acknowledgedBy("A1", "li.wei", "ventilation adjusted", T0 + 100)));

        assertThat(reopenAndLoad()).singleElement().extracting(StoredAlarm::acknowledgement)
                .isEqualTo(new Acknowledgement("li.wei", T0 + 107, "ventilation adjusted"));
    }

    @Test
    void unacknowledgedEventsRecordTheHighestContactLevelTold() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0)));

        store.apply(List.of(unacknowledged("A1", 2, T0 + 100), unacknowledged("A1", 1, T0 + 50)));

        store.close();
        store = AlarmStateStore.open(directory);
        assertThat(store.loadStanding()).singleElement().extracting(StandingAlarm::contactLevel).isEqualTo(2);
    }

    @Test
    void eachSensorsNewestReadingTimeOutlivesItsAlarmsAndOnlyMovesForward() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), escalated("A1", FACE, "ch4", T0 + 2000)));
        store.apply(List.of(cleared("A1", FACE, "ch4", T0 + 5000), acknowledgedBy("A1", "li.wei", null, T0 + 9000)));
        store.apply(List.of(raised("B1", RETURN, "ch4", T0 + 1000)));
        // A late reading (a sensor clock stepped back) raises, but does not move the time back.
        store.apply(List.of(raised("A2", FACE, "ch4", T0 + 3000)));

        assertThat(reopenAndLoad()).extracting(a -> a.lastTransition().alarmId()).containsExactly("B1", "A2");
        assertThat(store.loadEvaluatedUpTo()).containsExactlyInAnyOrderEntriesOf(Map.of(
                FACE, T0 + 5000, RETURN, T0 + 1000));
    }

    @Test
    void offlineAndMaintenanceTransitionsCarryTheGatewaysTimeAndDoNotMoveTheReadingTime() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0)));
        store.apply(List.of(raised("O1", FACE, "sensor_offline", T0 + 60_000),
                cleared("O1", FACE, "sensor_offline", T0 + 70_000),
                raised("M1", FACE, "maintenance", T0 + 80_000),
                acknowledged("A1", FACE, "ch4", T0 + 90_000),
                unacknowledged("A1", 1, T0 + 95_000)));

        assertThat(store.loadEvaluatedUpTo()).containsExactly(Map.entry(FACE, T0));
    }

    @Test
    void aVersionTwoFileIsMigratedWithEachSensorsTimeFromItsStandingAlarms() throws Exception {
        store.close();
        Path old = directory.resolve("v2");
        java.nio.file.Files.createDirectories(old);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("alarm-state.db"));
                Statement statement = connection.createStatement()) {
            statement.execute(AlarmStateSchema.CREATE_TABLE);
            statement.execute("""
                    INSERT INTO standing_alarms (alarm_id, sensor, rule, site, kind, level_name, level, threshold,
                        value, event_id, transition, reading_time, event_time, registered, raised_at,
                        cleared_event_id, cleared_reading_time, cleared_event_time)
                    VALUES ('A1', 'CM01-CH4-T1', 'ch4', 'CM01', 'ch4', 'alarm', 'orange', 1.0, 1.2, 'r-A1', 'raised',
                        1000, 1007, 1, 1007, 'c-A1', 3000, 3007),
                        ('A2', 'CM01-CH4-T1', 'ch4', 'CM01', 'ch4', 'alarm', 'orange', 1.0, 1.2, 'r-A2', 'raised',
                        4000, 4007, 1, 4007, NULL, NULL, NULL),
                        ('B1', 'CM01-CH4-T2', 'ch4', 'CM01', 'ch4', 'alarm', 'orange', 1.0, 1.2, 'r-B1', 'raised',
                        2000, 2007, 1, 2007, 'c-B1', 2500, 2507)""");
            statement.execute("PRAGMA user_version = 2");
        }

        store = AlarmStateStore.open(old);

        assertThat(store.loadStanding()).extracting(StandingAlarm::alarmId).containsExactly("A1", "B1", "A2");
        assertThat(store.loadEvaluatedUpTo()).containsExactlyInAnyOrderEntriesOf(Map.of(FACE, 4000L, RETURN, 2500L));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("alarm-state.db"));
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            assertThat(version.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void aVersionOneFileIsMigratedWithItsAlarmsAndAcknowledgements() throws Exception {
        store.close();
        Path old = directory.resolve("old");
        java.nio.file.Files.createDirectories(old);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("alarm-state.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE active_alarms (sensor TEXT NOT NULL, rule TEXT NOT NULL, alarm_id TEXT NOT NULL,
                        site TEXT NOT NULL, kind TEXT NOT NULL, level_name TEXT NOT NULL, level TEXT NOT NULL,
                        previous_level TEXT, threshold REAL NOT NULL, value REAL NOT NULL, event_id TEXT NOT NULL,
                        transition TEXT NOT NULL, reading_time INTEGER NOT NULL, event_time INTEGER NOT NULL,
                        registered INTEGER NOT NULL, raised_at INTEGER NOT NULL, acknowledged_by TEXT,
                        acknowledged_at INTEGER, ack_note TEXT, PRIMARY KEY (sensor, rule))""");
            statement.execute("""
                    INSERT INTO active_alarms VALUES ('CM01-CH4-T1', 'ch4', 'A1', 'CM01', 'ch4', 'alarm', 'orange',
                        NULL, 1.0, 1.2, 'r-A1', 'raised', 1000, 1007, 1, 1007, 'li.wei', 2000, 'checked')""");
            statement.execute("PRAGMA user_version = 1");
        }

        store = AlarmStateStore.open(old);

        assertThat(store.load()).singleElement().satisfies(a -> {
            assertThat(a.lastTransition().alarmId()).isEqualTo("A1");
            assertThat(a.raisedAtMillis()).isEqualTo(1007);
            assertThat(a.acknowledgement()).isEqualTo(new Acknowledgement("li.wei", 2000, "checked"));
        });
        assertThat(store.loadEvaluatedUpTo()).containsExactly(Map.entry(FACE, 1000L));
        store.apply(List.of(cleared("A1", FACE, "ch4", 3000)));
        assertThat(store.loadStanding()).isEmpty();
        assertThat(store.loadEvaluatedUpTo()).containsExactly(Map.entry(FACE, 3000L));
    }

    private static AlarmEvent acknowledgedBy(String alarmId, String user, String note, long atMillis) {
        java.util.Map<String, String> details = new java.util.HashMap<>();
        details.put(AlarmDetails.ACKNOWLEDGED_BY, user);
        if (note != null) {
            details.put(AlarmDetails.NOTE, note);
        }
        return acknowledged(alarmId, FACE, "ch4", atMillis).withDetails(details);
    }

    private static AlarmEvent unacknowledged(String alarmId, int contactLevel, long atMillis) {
        return AlarmEvents.event("u-" + alarmId + "-" + atMillis, alarmId, AlarmTransition.UNACKNOWLEDGED, FACE,
                "ch4", "alarm", Level.ORANGE, Level.ORANGE, 1.0, 1.2, atMillis)
                .withDetails(java.util.Map.of(AlarmDetails.CONTACT_LEVEL, Integer.toString(contactLevel)));
    }

    @Test
    void aBatchWithATransitionThatCannotBeRestoredIsRefusedWhole() throws Exception {
        AlarmEvent noValue = AlarmEvents.event("x", "A2", AlarmTransition.RAISED, RETURN, "ch4", "alarm",
                Level.ORANGE, null, 1.0, Double.NaN, T0);

        assertThatThrownBy(() -> store.apply(List.of(raised("A1", FACE, "ch4", T0), noValue)))
                .isInstanceOf(AlarmStateException.class)
                .hasMessageContaining("event x of CM01/" + RETURN)
                .hasMessageContaining("(expected: finite numbers)");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void applyAfterCloseFailsInsteadOfPretendingToBeDurable() {
        store.close();

        assertThatThrownBy(() -> store.apply(List.of(raised("A1", FACE, "ch4", T0))))
                .isInstanceOf(AlarmStateException.class)
                .hasMessageContaining("alarm-state.db is closed");
    }

    @Test
    void aRowThisVersionCannotReadIsLeftOutAndTheOthersLoad() throws Exception {
        store.apply(List.of(raised("A1", FACE, "ch4", T0), raised("A2", RETURN, "ch4", T0 + 1)));
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("alarm-state.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE standing_alarms SET kind = 'radon' WHERE alarm_id = 'A1'");
        }
        store = AlarmStateStore.open(directory);

        assertThat(store.load()).extracting(a -> a.lastTransition().alarmId()).containsExactly("A2");
    }

    @Test
    void runsInWriteAheadLogMode() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("alarm-state.db"));
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }
}
