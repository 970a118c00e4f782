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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The standing alarms, durable, so that a restart neither loses an alarm nor raises it twice, nor forgets who
 * acknowledged one: an SQLite file {@code <storage.local.path>/alarm-state.db} holding one row per alarm that is
 * active or cleared and not yet acknowledged (see {@link StandingAlarm}), and per sensor the reading time of its newest
 * transition ({@link #loadEvaluatedUpTo()}). Files of versions 1 and 2 are migrated when opened.
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
    private final PreparedStatement deleteStale;
    private final PreparedStatement upsert;
    private final PreparedStatement deleteAcknowledged;
    private final PreparedStatement deleteCleared;
    private final PreparedStatement cleared;
    private final PreparedStatement acknowledge;
    private final PreparedStatement contactLevel;
    private final PreparedStatement evaluated;
    private boolean closed;

    private AlarmStateStore(Path file) throws SQLException {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        this.connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            connection.setAutoCommit(false);
            createOrMigrate();
            deleteStale = connection.prepareStatement(AlarmStateSchema.DELETE_STALE);
            upsert = connection.prepareStatement(AlarmStateSchema.UPSERT);
            deleteAcknowledged = connection.prepareStatement(AlarmStateSchema.DELETE_ACKNOWLEDGED);
            deleteCleared = connection.prepareStatement(AlarmStateSchema.DELETE_CLEARED);
            cleared = connection.prepareStatement(AlarmStateSchema.CLEARED);
            acknowledge = connection.prepareStatement(AlarmStateSchema.ACKNOWLEDGE);
            contactLevel = connection.prepareStatement(AlarmStateSchema.CONTACT_LEVEL);
            evaluated = connection.prepareStatement(AlarmStateSchema.EVALUATED);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Creates the table of a new file, or brings an older file's up to date, in one transaction. */
    private void createOrMigrate() throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            int version;
            try (ResultSet row = ddl.executeQuery(AlarmStateSchema.USER_VERSION)) {
                version = row.next() ? row.getInt(1) : 0;
            }
            if (version > AlarmStateSchema.VERSION) {
                throw new SQLException("schema version : " + version + " (expected: at most "
                        + AlarmStateSchema.VERSION + "; the file was written by a newer minewatch)");
            }
            if (version == 1) {
                for (String statement : AlarmStateSchema.MIGRATE_FROM_1) {
                    ddl.execute(statement);
                }
                LOG.info("Alarm state {} migrated to schema version {} (standing alarms)", file,
                        AlarmStateSchema.VERSION);
            }
            for (String statement : AlarmStateSchema.CREATE) {
                ddl.execute(statement);
            }
            if (version == 1 || version == 2) {
                for (String statement : AlarmStateSchema.MIGRATE_TO_3) {
                    ddl.execute(statement);
                }
                LOG.info("Alarm state {} migrated to schema version {} (reading times per sensor)", file,
                        AlarmStateSchema.VERSION);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
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
     * at its new level; ACKNOWLEDGED records who (detail {@code acknowledged_by}), when and the note; CLEARED records
     * the clearing; an alarm both cleared and acknowledged is removed. UNACKNOWLEDGED records the contact level told
     * (detail {@code contact_level}). Every transition a reading caused also moves its sensor's reading time forward
     * ({@link #loadEvaluatedUpTo()}), cleared ones included. Applying the same events again changes nothing. On
     * failure nothing of them is applied.
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
                    case ACKNOWLEDGED -> acknowledged(event.alarmId(), StandingAlarm.acknowledgementOf(event));
                    case CLEARED -> cleared(event);
                    case UNACKNOWLEDGED -> contactLevel(event);
                    case SHELVED, UNSHELVED -> { }
                }
                if (AlarmStateSchema.causedByReading(event)) {
                    evaluated.setString(1, event.sensor());
                    evaluated.setLong(2, event.readingTimestampMillis());
                    evaluated.executeUpdate();
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
     * Records who acknowledged a standing alarm; a cleared one is thereby removed. Returns false, changing nothing,
     * when no standing alarm has that id.
     */
    public synchronized boolean acknowledge(String alarmId, Acknowledgement acknowledgement)
            throws AlarmStateException {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        requireOpen();
        try {
            boolean updated = acknowledged(alarmId, acknowledgement);
            connection.commit();
            return updated;
        } catch (SQLException e) {
            rollback();
            throw new AlarmStateException("alarm state " + file + " did not take the acknowledgement of alarm "
                    + alarmId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The active alarms on record (what the rule engines continue), oldest raised first. A row this version cannot
     * read is logged and left out.
     */
    public synchronized List<StoredAlarm> load() throws AlarmStateException {
        List<StoredAlarm> active = new ArrayList<>();
        for (StandingAlarm alarm : loadStanding()) {
            if (alarm.isActive()) {
                active.add(new StoredAlarm(alarm.lastTransition(), alarm.raisedAtMillis(), alarm.acknowledgement()));
            }
        }
        return active;
    }

    /**
     * The standing alarms on record, active and cleared-unacknowledged, oldest raised first (none shelved: shelving
     * is not kept across a restart). A row this version cannot read is logged and left out.
     */
    public synchronized List<StandingAlarm> loadStanding() throws AlarmStateException {
        requireOpen();
        List<StandingAlarm> alarms = new ArrayList<>();
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

    /**
     * Per sensor, the reading time of its newest transition made durable here (a level change or clearing caused by
     * a reading): the alarm state reflects every reading of the sensor up to then. A reading the broker delivers
     * again after a restart that is no newer was evaluated before the stop, and its transitions, if any, are here
     * already: evaluating it again could raise an alarm that was raised and cleared. Sensors without a transition
     * are absent.
     */
    public synchronized Map<String, Long> loadEvaluatedUpTo() throws AlarmStateException {
        requireOpen();
        Map<String, Long> times = new HashMap<>();
        try (Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery(AlarmStateSchema.LOAD_EVALUATED)) {
            while (rows.next()) {
                times.put(rows.getString(1), rows.getLong(2));
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new AlarmStateException("alarm state " + file + " cannot be read: " + e.getMessage(), e);
        }
        return times;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection; deleteStale; upsert; deleteAcknowledged; deleteCleared; cleared; acknowledge;
                contactLevel; evaluated) {
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
        deleteStale.setString(1, e.sensor());
        deleteStale.setString(2, e.ruleId());
        deleteStale.setString(3, e.alarmId());
        deleteStale.executeUpdate();
        upsert.setString(1, e.alarmId());
        upsert.setString(2, e.sensor());
        upsert.setString(3, e.ruleId());
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

    private boolean acknowledged(String alarmId, Acknowledgement ack) throws SQLException {
        deleteCleared.setString(1, alarmId);
        if (deleteCleared.executeUpdate() > 0) {
            return true;
        }
        acknowledge.setLong(1, ack.atMillis());
        acknowledge.setString(2, ack.by());
        acknowledge.setString(3, ack.note());
        acknowledge.setString(4, alarmId);
        return acknowledge.executeUpdate() > 0;
    }

    private void cleared(AlarmEvent e) throws SQLException {
        deleteAcknowledged.setString(1, e.alarmId());
        if (deleteAcknowledged.executeUpdate() > 0) {
            return;
        }
        cleared.setString(1, e.id());
        cleared.setLong(2, e.readingTimestampMillis());
        cleared.setLong(3, e.eventTimeMillis());
        setFiniteOrNull(cleared, 4, e.threshold());
        setFiniteOrNull(cleared, 5, e.value());
        cleared.setString(6, e.alarmId());
        cleared.executeUpdate();
    }

    private void contactLevel(AlarmEvent e) throws SQLException {
        String level = e.details().get(AlarmDetails.CONTACT_LEVEL);
        int value;
        try {
            value = level == null ? 0 : Integer.parseInt(level);
        } catch (NumberFormatException notANumber) {
            LOG.warn("Alarm state {}: event {} of alarm {} has contact_level : {} (expected: a whole number); "
                    + "not recorded", file, e.id(), e.alarmId(), level);
            return;
        }
        contactLevel.setInt(1, value);
        contactLevel.setString(2, e.alarmId());
        contactLevel.executeUpdate();
    }

    /** SQLite would turn NaN into NULL and read it back as 0.0; store NULL on purpose and read it back as NaN. */
    private static void setFiniteOrNull(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, java.sql.Types.REAL);
        }
    }

    private static double doubleOrNaN(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }

    private Optional<StandingAlarm> toAlarm(ResultSet row) throws SQLException {
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
            String clearedId = row.getString("cleared_event_id");
            AlarmEvent clearedEvent = clearedId == null ? null : new AlarmEvent(clearedId, alarmId,
                    AlarmTransition.CLEARED, last.site(), sensor, last.kind(), last.ruleId(), last.levelName(),
                    last.level(), last.level(), doubleOrNaN(row, "cleared_threshold"), doubleOrNaN(row, "cleared_value"),
                    row.getLong("cleared_reading_time"), row.getLong("cleared_event_time"), last.registered());
            return Optional.of(new StandingAlarm(last, row.getLong("raised_at"), clearedEvent, ack,
                    row.getInt("contact_level"), false));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            LOG.error("Alarm state {}: standing alarm {} of sensor {} cannot be read and is not restored: {}", file,
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
