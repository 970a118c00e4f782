package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest extends TimeSeriesStoreContract {

    @TempDir
    Path directory;

    @BeforeEach
    void open() throws Exception {
        store = LocalStore.open(directory);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<HistoryPoint> raw(String sensor) throws Exception {
        return store.history(Kind.CH4, sensor, T0, T0 + 1_000_000, null);
    }

    @Test
    void createsItsFileInTheConfiguredDirectory() {
        assertThat(directory.resolve("minewatch.db")).isRegularFile();
        assertThat(store.name()).isEqualTo("local");
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void dataSurvivesCloseAndReopen() throws Exception {
        store.write(List.of(ch4("S1", T0, 0.42)), List.of(raised("e1", "S1", T0)));
        store.close();

        store = LocalStore.open(directory);

        assertThat(raw("S1")).containsExactly(HistoryPoint.raw(T0, 0.42));
        assertThat(store.alarmEvents("S1", T0 - 3, T0 + 1)).containsExactly(raised("e1", "S1", T0));
    }

    @Test
    void runsInWriteAheadLogMode() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("minewatch.db"));
                Statement statement = connection.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void queriesOnOtherThreadsSeeCommittedWritesWhileTheWriterGoesOn() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<HistoryPoint>>> reads = new ArrayList<>();
            for (int batch = 0; batch < 20; batch++) {
                List<Reading> readings = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    readings.add(ch4("S1", T0 + batch * 50_000L + i * 1000L, 0.5));
                }
                store.write(readings, List.of());
                reads.add(readers.submit(() -> raw("S1")));
            }
            for (int batch = 0; batch < reads.size(); batch++) {
                int seen = reads.get(batch).get().size();
                assertThat(seen).as("points seen after batch %d", batch).isBetween(50 * (batch + 1), 1000);
                assertThat(seen % 50).as("a read sees whole batches only").isZero();
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aFileOfTheFirstSchemaHasItsAlarmEventsKeyedByTheirCauseWhenOpened() throws Exception {
        store.close();
        Path old = directory.resolve("v1");
        writeVersion1File(old, List.of(
                "('e1', 'a1', 'raised', 'CM01', 'S1', 'ch4', 'ch4_limit', 'alarm', 'orange', NULL, 1.0, 1.1, "
                        + T0 + ", " + (T0 + 5) + ", 1)",
                // The same reading decided again after a crash, under the old key: a second row.
                "('e9', 'a9', 'raised', 'CM01', 'S1', 'ch4', 'ch4_limit', 'alarm', 'orange', NULL, 1.0, 1.1, "
                        + T0 + ", " + (T0 + 9000) + ", 1)",
                "('e2', 'a1', 'cleared', 'CM01', 'S1', 'ch4', 'ch4_limit', 'alarm', 'orange', 'orange', 1.0, 0.7, "
                        + (T0 + 1000) + ", " + (T0 + 1005) + ", 0)"));

        store = LocalStore.open(old);

        assertThat(store.alarmEvents("S1", T0, T0 + 2000)).extracting(AlarmEvent::id, AlarmEvent::eventTimeMillis,
                AlarmEvent::registered).containsExactly(tuple("e9", T0 + 9000, true), tuple("e2", T0 + 1005, false));
        assertThat(userVersion(old)).isEqualTo(3);
        assertThat(alarmEventIndexes(old)).containsExactlyInAnyOrder("alarm_events_by_reading_time",
                "alarm_events_by_sensor_reading_time", "sqlite_autoindex_alarm_events_1");
        store.write(List.of(), List.of(Samples.event("e10", "S1", AlarmTransition.CLEARED, "ch4_limit", T0 + 1000,
                T0 + 20_000)));
        assertThat(store.alarmEvents("S1", T0 + 1000, T0 + 1001)).extracting(AlarmEvent::id).containsExactly("e10");
        store.close();
        store = LocalStore.open(old);
        assertThat(store.alarmEvents(null, T0, T0 + 2000)).extracting(AlarmEvent::id).containsExactly("e9", "e10");
    }

    @Test
    void aFileOfTheSecondSchemaGetsDetailsAndKeepsItsEvents() throws Exception {
        store.write(List.of(), List.of(raised("e1", "S1", T0)));
        store.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("minewatch.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE alarm_events DROP COLUMN details");
            statement.execute("PRAGMA user_version = 2");
        }

        store = LocalStore.open(directory);

        assertThat(userVersion(directory)).isEqualTo(3);
        AlarmEvent acknowledged = Samples.event("e2", "S1", AlarmTransition.ACKNOWLEDGED, "ch4_limit", T0 + 10,
                T0 + 10).withDetails(java.util.Map.of("acknowledged_by", "li.wei"));
        store.write(List.of(), List.of(acknowledged));
        assertThat(store.alarmEvents("S1", T0 - 10, T0 + 20)).containsExactly(raised("e1", "S1", T0), acknowledged);
    }

    @Test
    void aFileOfANewerSchemaIsNotOpened() throws Exception {
        store.close();
        Path newer = directory.resolve("newer");
        Files.createDirectories(newer);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + newer.resolve("minewatch.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> LocalStore.open(newer))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("schema version : 99 (expected: at most 3");
        store = LocalStore.open(directory);
    }

    private static void writeVersion1File(Path dir, List<String> eventRows) throws Exception {
        Files.createDirectories(dir);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("minewatch.db"));
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE readings (sensor TEXT NOT NULL, ts INTEGER NOT NULL, site TEXT NOT NULL,
                        kind TEXT NOT NULL, value REAL NOT NULL, quality TEXT NOT NULL, PRIMARY KEY (sensor, ts))
                        WITHOUT ROWID""");
            statement.execute("""
                    CREATE TABLE alarm_events (id TEXT NOT NULL PRIMARY KEY, alarm_id TEXT NOT NULL,
                        transition TEXT NOT NULL, site TEXT NOT NULL, sensor TEXT NOT NULL, kind TEXT NOT NULL,
                        rule TEXT NOT NULL, level_name TEXT NOT NULL, level TEXT NOT NULL, previous_level TEXT,
                        threshold REAL, value REAL, reading_time INTEGER NOT NULL, event_time INTEGER NOT NULL,
                        registered INTEGER NOT NULL)""");
            statement.execute("CREATE INDEX alarm_events_by_time ON alarm_events (event_time)");
            statement.execute("CREATE INDEX alarm_events_by_sensor_time ON alarm_events (sensor, event_time)");
            statement.execute("PRAGMA user_version = 1");
            for (String row : eventRows) {
                statement.execute("INSERT INTO alarm_events VALUES " + row);
            }
        }
    }

    private static List<String> alarmEventIndexes(Path dir) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("minewatch.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'alarm_events'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static int userVersion(Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("minewatch.db"));
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            return version.next() ? version.getInt(1) : -1;
        }
    }

    @Test
    void aWriteAfterCloseIsUnavailableNotLost() {
        store.close();

        assertThatThrownBy(() -> store.write(List.of(ch4("S1", T0, 0.1)), List.of()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("closed");
    }
}
