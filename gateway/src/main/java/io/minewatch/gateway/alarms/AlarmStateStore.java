package io.minewatch.gateway.alarms;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The active alarms, durable, so that a restart neither loses an alarm nor raises it twice: an SQLite file
 * {@code <storage.local.path>/alarm-state.db} holding one row per active alarm (see {@link StoredAlarm}).
 *
 * <p>The pipeline {@linkplain #apply applies} the transitions of a message after they are stored and before the
 * message is acknowledged, so the file always holds at least the state of every acknowledged message; the broker
 * delivers the others again, and the rule engine, restored from {@link #load()}, evaluates them against it. Each
 * apply is one transaction, committed in WAL mode with {@code synchronous=FULL}: it is on disk, not only in the OS's
 * cache, when apply returns. Transitions are rare (a reading that changes no alarm never comes here), so one sync per
 * message with transitions costs little.
 *
 * <p>Thread-safe: the storage writer's thread applies, the HTTP threads acknowledge; methods are serialised.
 */
public final class AlarmStateStore implements AutoCloseable {

    public static final String FILE_NAME = "alarm-state.db";

    private static final Logger LOG = LoggerFactory.getLogger(AlarmStateStore.class);
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;
    private final Connection connection;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final PreparedStatement acknowledgedAt;
    private final PreparedStatement acknowledge;
    private boolean closed;

    private AlarmStateStore(Path file) throws SQLException {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        this.connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            try (Statement ddl = connection.createStatement()) {
                for (String statement : AlarmStateSchema.CREATE) {
                    ddl.execute(statement);
                }
            }
            connection.setAutoCommit(false);
            upsert = connection.prepareStatement(AlarmStateSchema.UPSERT);
            delete = connection.prepareStatement(AlarmStateSchema.DELETE);
            acknowledgedAt = connection.prepareStatement(AlarmStateSchema.ACKNOWLEDGED_AT);
            acknowledge = connection.prepareStatement(AlarmStateSchema.ACKNOWLEDGE);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Opens (creating when missing) {@code directory/alarm-state.db}. */
    public static AlarmStateStore open(Path directory) throws AlarmStateException {
        Objects.requireNonNull(directory, "directory");
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            AlarmStateStore store = new AlarmStateStore(file);
            LOG.info("Alarm state {} open", file);
            return store;
        } catch (IOException | SQLException e) {
            throw new AlarmStateException("alarm state " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the transitions durable, in order, in one transaction: RAISED, ESCALATED and DEESCALATED record the alarm
     * at its new level, ACKNOWLEDGED records the time of acknowledgement, CLEARED removes the alarm. Applying the same
     * events again changes nothing. On failure nothing of them is applied.
     *
     * @throws AlarmStateException when the file does not take them, or an event cannot be an active alarm
     */
    public synchronized void apply(List<AlarmEvent> events) throws AlarmStateException {
        if (events.isEmpty()) {
            return;
        }
        requireOpen();
        for (AlarmEvent event : events) {
            requireRestorable(event);
        }
        try {
            for (AlarmEvent event : events) {
                switch (event.transition()) {
                    case RAISED, ESCALATED, DEESCALATED -> upsert(event);
                    case ACKNOWLEDGED -> acknowledgedAt(event);
                    case CLEARED -> delete(event);
                    case UNACKNOWLEDGED, SHELVED, UNSHELVED -> { }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new AlarmStateException("alarm state " + file + " did not take " + events.size()
                    + " transitions of " + events.get(0).site() + "/" + events.get(0).sensor() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Records who acknowledged an active alarm. Returns false, changing nothing, when no active alarm has that id.
     */
    public synchronized boolean acknowledge(String alarmId, Acknowledgement acknowledgement)
            throws AlarmStateException {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        requireOpen();
        try {
            acknowledge.setString(1, acknowledgement.by());
            acknowledge.setLong(2, acknowledgement.atMillis());
            acknowledge.setString(3, acknowledgement.note());
            acknowledge.setString(4, alarmId);
            int updated = acknowledge.executeUpdate();
            connection.commit();
            return updated > 0;
        } catch (SQLException e) {
            rollback();
            throw new AlarmStateException("alarm state " + file + " did not take the acknowledgement of alarm "
                    + alarmId + ": " + e.getMessage(), e);
        }
    }

    /** The active alarms on record, oldest raised first. A row this version cannot read is logged and left out. */
    public synchronized List<StoredAlarm> load() throws AlarmStateException {
        requireOpen();
        List<StoredAlarm> alarms = new ArrayList<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery(AlarmStateSchema.LOAD)) {
            while (rows.next()) {
                toAlarm(rows).ifPresent(alarms::add);
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new AlarmStateException("alarm state " + file + " cannot be read: " + e.getMessage(), e);
        }
        return alarms;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection; upsert; delete; acknowledgedAt; acknowledge) {
            LOG.info("Alarm state {} closed", file);
        } catch (SQLException e) {
            LOG.warn("Alarm state {} did not close cleanly: {}", file, e.getMessage());
        }
    }

    private void requireOpen() throws AlarmStateException {
        if (closed) {
            throw new AlarmStateException("alarm state " + file + " is closed", null);
        }
    }

    /** An active alarm is restored as an ActiveAlarm, which needs finite numbers; the engine never makes others. */
    private void requireRestorable(AlarmEvent event) throws AlarmStateException {
        if (AlarmStateSchema.setsLevel(event.transition())
                && !(Double.isFinite(event.threshold()) && Double.isFinite(event.value()))) {
            throw new AlarmStateException("alarm state " + file + ": event " + event.id() + " of "
                    + event.site() + "/" + event.sensor() + " threshold, value : " + event.threshold() + ", "
                    + event.value() + " (expected: finite numbers)", null);
        }
    }

    private void upsert(AlarmEvent e) throws SQLException {
        upsert.setString(1, e.sensor());
        upsert.setString(2, e.ruleId());
        upsert.setString(3, e.alarmId());
        upsert.setString(4, e.site());
        upsert.setString(5, e.kind().id());
        upsert.setString(6, e.levelName());
        upsert.setString(7, e.level().id());
        upsert.setString(8, e.previousLevel() == null ? null : e.previousLevel().id());
        upsert.setDouble(9, e.threshold());
        upsert.setDouble(10, e.value());
        upsert.setString(11, e.id());
        upsert.setString(12, e.transition().id());
        upsert.setLong(13, e.readingTimestampMillis());
        upsert.setLong(14, e.eventTimeMillis());
        upsert.setInt(15, e.registered() ? 1 : 0);
        upsert.setLong(16, e.eventTimeMillis());
        upsert.executeUpdate();
    }

    private void acknowledgedAt(AlarmEvent e) throws SQLException {
        acknowledgedAt.setLong(1, e.eventTimeMillis());
        acknowledgedAt.setString(2, e.sensor());
        acknowledgedAt.setString(3, e.ruleId());
        acknowledgedAt.setString(4, e.alarmId());
        acknowledgedAt.executeUpdate();
    }

    private void delete(AlarmEvent e) throws SQLException {
        delete.setString(1, e.sensor());
        delete.setString(2, e.ruleId());
        delete.setString(3, e.alarmId());
        delete.executeUpdate();
    }

    private Optional<StoredAlarm> toAlarm(ResultSet row) throws SQLException {
        Optional<Kind> kind = Kind.byId(row.getString("kind"));
        Optional<Level> level = Level.byId(row.getString("level"));
        String sensor = row.getString("sensor");
        String alarmId = row.getString("alarm_id");
        try {
            if (kind.isEmpty() || level.isEmpty()) {
                throw new IllegalArgumentException("kind, level : " + row.getString("kind") + ", "
                        + row.getString("level") + " (expected: ones this version knows)");
            }
            AlarmEvent last = new AlarmEvent(row.getString("event_id"), alarmId,
                    AlarmTransition.valueOf(row.getString("transition").toUpperCase(Locale.ROOT)),
                    row.getString("site"), sensor, kind.get(), row.getString("rule"), row.getString("level_name"),
                    level.get(), Level.byId(row.getString("previous_level")).orElse(null), row.getDouble("threshold"),
                    row.getDouble("value"), row.getLong("reading_time"), row.getLong("event_time"),
                    row.getInt("registered") != 0);
            long acknowledgedAt = row.getLong("acknowledged_at");
            Acknowledgement ack = row.wasNull() ? null
                    : new Acknowledgement(row.getString("acknowledged_by"), acknowledgedAt, row.getString("ack_note"));
            return Optional.of(new StoredAlarm(last, row.getLong("raised_at"), ack));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            LOG.error("Alarm state {}: active alarm {} of sensor {} cannot be read and is not restored: {}", file,
                    alarmId, sensor, unreadable.getMessage());
            return Optional.empty();
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Alarm state {}: rollback failed: {}", file, e.getMessage());
        }
    }
}
