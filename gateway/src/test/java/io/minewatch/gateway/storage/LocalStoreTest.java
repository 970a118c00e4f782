package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
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
        assertThat(store.alarmEvents("S1", T0, T0 + 1)).containsExactly(raised("e1", "S1", T0));
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
    void aWriteAfterCloseIsUnavailableNotLost() {
        store.close();

        assertThatThrownBy(() -> store.write(List.of(ch4("S1", T0, 0.1)), List.of()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("closed");
    }
}
