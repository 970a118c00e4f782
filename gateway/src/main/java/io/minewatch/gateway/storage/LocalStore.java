package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.LocalStoreConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * Readings and alarm events in an embedded SQLite file, {@code <local.path>/minewatch.db}: the store of the demo and of
 * a gateway without InfluxDB, and the buffer a store-and-forward set-up writes to while InfluxDB is away.
 *
 * <p><b>Durability.</b> The file runs in WAL mode with {@code synchronous=FULL}. A write returns only after its
 * transaction is committed, and the pipeline acknowledges the MQTT messages of a batch as soon as the write returns,
 * after which the broker forgets them. With {@code synchronous=NORMAL} a WAL commit is not synced: it survives a crash
 * of the JVM but not a power loss or kernel crash, which would lose readings already acknowledged. {@code FULL} syncs
 * the WAL at every commit; since each {@link #write} is one transaction for the whole batch, that is one sync per batch
 * (thousands of points), not per reading.
 *
 * <p><b>Alarm events</b> are keyed by their cause (sensor, rule, transition, reading time), like their InfluxDB points,
 * so that a reading evaluated again after a crash overwrites its event (see {@link LocalSchema}). A file written with
 * the first schema, where they were keyed by event id, is migrated when opened.
 *
 * <p><b>Threads.</b> One writer (writes are serialised on this object); queries open their own connection each, which
 * WAL lets read a consistent snapshot while the writer commits.
 */
public final class LocalStore implements TimeSeriesStore {

    public static final String FILE_NAME = "minewatch.db";

    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;

    private final Path file;
    private final String url;
    private final Connection writer;
    private final PreparedStatement upsertReading;
    private final PreparedStatement upsertEvent;
    private volatile boolean reachable = true;
    private boolean closed;

    private LocalStore(Path file) throws SQLException {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        this.writer = config.createConnection(url);
        try {
            writer.setAutoCommit(false);
            createOrMigrate();
            this.upsertReading = writer.prepareStatement(LocalSchema.UPSERT_READING);
            this.upsertEvent = writer.prepareStatement(LocalSchema.UPSERT_EVENT);
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
    }

    /** Creates the tables of a new file, or brings an older file's up to date, in one transaction. */
    private void createOrMigrate() throws SQLException {
        try (Statement ddl = writer.createStatement()) {
            int version;
            try (ResultSet row = ddl.executeQuery(LocalSchema.USER_VERSION)) {
                version = row.next() ? row.getInt(1) : 0;
            }
            if (version > LocalSchema.VERSION) {
                throw new SQLException("schema version : " + version + " (expected: at most " + LocalSchema.VERSION
                        + "; the file was written by a newer minewatch)");
            }
            if (version == 1) {
                for (String statement : LocalSchema.MIGRATE_FROM_1) {
                    ddl.execute(statement);
                }
                LOG.info("Local store {}: alarm events migrated to schema version {} (keyed by their cause)", file,
                        LocalSchema.VERSION);
            } else if (version == 2) {
                for (String statement : LocalSchema.MIGRATE_FROM_2) {
                    ddl.execute(statement);
                }
                LOG.info("Local store {}: alarm events migrated to schema version {} (with details)", file,
                        LocalSchema.VERSION);
            }
            for (String statement : LocalSchema.CREATE) {
                ddl.execute(statement);
            }
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        }
    }

    /** Opens (creating when missing) the store in the configured directory. */
    public static LocalStore open(LocalStoreConfig config) throws StoreUnavailableException {
        return open(config.path());
    }

    /** Opens (creating when missing) {@code directory/minewatch.db}. */
    public static LocalStore open(Path directory) throws StoreUnavailableException {
        Objects.requireNonNull(directory, "directory");
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            LocalStore store = new LocalStore(file);
            LOG.info("Local store {} open", file);
            return store;
        } catch (IOException | SQLException e) {
            throw new StoreUnavailableException("local store " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public synchronized void write(List<Reading> readings, List<AlarmEvent> events)
            throws StoreUnavailableException, StoreRejectedException {
        if (closed) {
            throw new StoreUnavailableException("local store " + file + " is closed", null);
        }
        if (readings.isEmpty() && events.isEmpty()) {
            return;
        }
        try {
            for (Reading reading : readings) {
                bindReading(reading);
                upsertReading.addBatch();
            }
            for (AlarmEvent event : events) {
                bindEvent(event);
                upsertEvent.addBatch();
            }
            upsertReading.executeBatch();
            upsertEvent.executeBatch();
            writer.commit();
            reachable = true;
        } catch (SQLException e) {
            rollback();
            if (isRejection(e)) {
                throw new StoreRejectedException(e.getMessage(), e);
            }
            reachable = false;
            throw new StoreUnavailableException("local store " + file + " did not take a write of "
                    + (readings.size() + events.size()) + " points: " + e.getMessage(), e);
        }
    }

    @Override
    public List<HistoryPoint> history(Kind kind, String sensor, long fromMillis, long toMillis, Duration step)
            throws StoreUnavailableException {
        Objects.requireNonNull(kind, "kind");
        HistoryArgs.requireSensor(sensor);
        List<HistoryPoint> points = new ArrayList<>();
        if (fromMillis >= toMillis) {
            return points;
        }
        try (Connection reader = openReader();
                PreparedStatement query = reader.prepareStatement(step == null
                        ? LocalSchema.RAW_HISTORY : LocalSchema.AGGREGATED_HISTORY)) {
            int next = 1;
            if (step != null) {
                query.setLong(next++, HistoryArgs.stepMillis(step));
            }
            query.setString(next++, sensor);
            query.setString(next++, kind.id());
            query.setLong(next++, fromMillis);
            query.setLong(next, toMillis);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    points.add(step == null
                            ? HistoryPoint.raw(rows.getLong(1), rows.getDouble(2))
                            : new HistoryPoint(rows.getLong(1), rows.getDouble(2), rows.getDouble(3),
                                    rows.getDouble(4), rows.getDouble(5), rows.getLong(6)));
                }
            }
        } catch (SQLException e) {
            throw queryFailure(e);
        }
        reachable = true;
        return points;
    }

    @Override
    public List<AlarmEvent> alarmEvents(String sensor, long fromMillis, long toMillis)
            throws StoreUnavailableException {
        List<AlarmEvent> events = new ArrayList<>();
        if (fromMillis >= toMillis) {
            return events;
        }
        String sql = LocalSchema.EVENTS + (sensor == null ? "" : " AND sensor = ?") + LocalSchema.EVENTS_ORDER;
        int unreadable = 0;
        try (Connection reader = openReader(); PreparedStatement query = reader.prepareStatement(sql)) {
            query.setLong(1, fromMillis);
            query.setLong(2, toMillis);
            if (sensor != null) {
                query.setString(3, sensor);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Optional<AlarmEvent> event = toEvent(rows);
                    event.ifPresent(events::add);
                    unreadable += event.isEmpty() ? 1 : 0;
                }
            }
        } catch (SQLException e) {
            throw queryFailure(e);
        }
        if (unreadable > 0) {
            LOG.warn("Local store {}: skipped {} unreadable alarm events", file, unreadable);
        }
        reachable = true;
        return events;
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (writer; upsertReading; upsertEvent) {
            LOG.info("Local store {} closed", file);
        } catch (SQLException e) {
            LOG.warn("Local store {} did not close cleanly: {}", file, e.getMessage());
        }
    }

    private void bindReading(Reading reading) throws SQLException {
        upsertReading.setString(1, reading.sensor());
        upsertReading.setLong(2, reading.timestampMillis());
        upsertReading.setString(3, reading.site());
        upsertReading.setString(4, reading.kind().id());
        upsertReading.setDouble(5, reading.value());
        upsertReading.setString(6, reading.quality().id());
    }

    private void bindEvent(AlarmEvent event) throws SQLException {
        upsertEvent.setString(1, event.sensor());
        upsertEvent.setString(2, event.ruleId());
        upsertEvent.setString(3, event.transition().id());
        upsertEvent.setLong(4, event.readingTimestampMillis());
        upsertEvent.setString(5, event.id());
        upsertEvent.setString(6, event.alarmId());
        upsertEvent.setString(7, event.site());
        upsertEvent.setString(8, event.kind().id());
        upsertEvent.setString(9, event.levelName());
        upsertEvent.setString(10, event.level().id());
        upsertEvent.setString(11, event.previousLevel() == null ? null : event.previousLevel().id());
        setFiniteOrNull(upsertEvent, 12, event.threshold());
        setFiniteOrNull(upsertEvent, 13, event.value());
        upsertEvent.setLong(14, event.eventTimeMillis());
        upsertEvent.setInt(15, event.registered() ? 1 : 0);
        upsertEvent.setString(16, DetailsText.toText(event.details()));
    }

    /** SQLite would turn NaN into NULL and read it back as 0.0; store NULL on purpose and read it back as NaN. */
    private static void setFiniteOrNull(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, java.sql.Types.REAL);
        }
    }

    private static Optional<AlarmEvent> toEvent(ResultSet row) throws SQLException {
        Optional<Kind> kind = Kind.byId(row.getString("kind"));
        Optional<Level> level = Level.byId(row.getString("level"));
        if (kind.isEmpty() || level.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AlarmEvent(row.getString("id"), row.getString("alarm_id"),
                    AlarmTransition.valueOf(row.getString("transition").toUpperCase(Locale.ROOT)),
                    row.getString("site"), row.getString("sensor"), kind.get(), row.getString("rule"),
                    row.getString("level_name"), level.get(),
                    Level.byId(row.getString("previous_level")).orElse(null),
                    doubleOrNaN(row, "threshold"), doubleOrNaN(row, "value"), row.getLong("reading_time"),
                    row.getLong("event_time"), row.getInt("registered") != 0,
                    DetailsText.fromText(row.getString("details"))));
        } catch (IllegalArgumentException unknownTransition) {
            return Optional.empty();
        }
    }

    private static double doubleOrNaN(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }

    private Connection openReader() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setReadOnly(true);
        return config.createConnection(url);
    }

    private StoreUnavailableException queryFailure(SQLException e) {
        reachable = false;
        return new StoreUnavailableException("local store " + file + " query failed: " + e.getMessage(), e);
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.warn("Local store {}: rollback failed: {}", file, e.getMessage());
        }
        try {
            upsertReading.clearBatch();
            upsertEvent.clearBatch();
        } catch (SQLException e) {
            LOG.warn("Local store {}: clearing a failed batch failed: {}", file, e.getMessage());
        }
    }

    /** Constraint, type and size errors are about the data; anything else (disk full, I/O, locks) may pass. */
    private static boolean isRejection(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH || primary == SQLITE_TOOBIG;
            }
        }
        return false;
    }
}
