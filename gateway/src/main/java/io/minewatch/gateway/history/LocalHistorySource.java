package io.minewatch.gateway.history;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.storage.LocalStore;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * History out of the embedded store's file ({@link LocalStore}, table {@code readings} clustered on
 * {@code (sensor, ts)}), read through a cursor on a read-only connection of its own: WAL lets it read a consistent
 * snapshot while the gateway writes. Aggregation is done here, in one pass over the rows in time order, rather than
 * by SQLite's GROUP BY, which would sort the whole period before returning a first row.
 */
public final class LocalHistorySource implements HistorySource {

    private static final String RAW = """
            SELECT ts, value, quality, site FROM readings
            WHERE sensor = ? AND kind = ? AND ts >= ? AND ts < ?
            ORDER BY ts""";
    private static final int FETCH_ROWS = 5_000;

    private final Path file;

    /** Reads {@code directory/minewatch.db}. */
    public LocalHistorySource(Path directory) {
        this.file = Objects.requireNonNull(directory, "directory").resolve(LocalStore.FILE_NAME);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void raw(SensorSeries series, long fromMillis, long toMillis, ReadingSink sink)
            throws StoreUnavailableException, IOException {
        scan(series, fromMillis, toMillis, rows -> {
            long ts = rows.getLong(1);
            Quality quality = Quality.byId(rows.getString(3)).orElse(Quality.UNCERTAIN);
            sink.accept(new Reading(rows.getString(4), series.sensor(), series.kind(), rows.getDouble(2), ts,
                    quality, false, ts));
        });
    }

    @Override
    public void aggregated(SensorSeries series, long fromMillis, long toMillis, long stepMillis, PointSink sink)
            throws StoreUnavailableException, IOException {
        StepMerger merger = new StepMerger(sink);
        scan(series, fromMillis, toMillis, rows -> {
            long ts = rows.getLong(1);
            double value = rows.getDouble(2);
            merger.add(Math.floorDiv(ts, stepMillis) * stepMillis, value, value, value, value, 1);
        });
        merger.flush();
    }

    private interface RowConsumer {
        void row(ResultSet rows) throws SQLException, IOException;
    }

    private void scan(SensorSeries series, long fromMillis, long toMillis, RowConsumer consumer)
            throws StoreUnavailableException, IOException {
        if (fromMillis >= toMillis) {
            return;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection reader = config.createConnection("jdbc:sqlite:" + file);
                PreparedStatement query = reader.prepareStatement(RAW)) {
            query.setFetchSize(FETCH_ROWS);
            query.setString(1, series.sensor());
            query.setString(2, series.kind().id());
            query.setLong(3, fromMillis);
            query.setLong(4, toMillis);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    consumer.row(rows);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("local store " + file + " history query failed: " + e.getMessage(), e);
        }
    }
}
