package io.minewatch.gateway.storage;

/**
 * The SQL of {@link LocalStore}. Readings live in a table clustered on {@code (sensor, ts)}: the primary key is both
 * what makes a second write of a reading replace the first (as in InfluxDB) and the index a history query walks.
 *
 * <p>Alarm events are keyed by what caused them, {@code (sensor, rule, transition, reading_time)}, as InfluxDB keys
 * them by series and reading time: one reading causes at most one transition per rule, so the key is unique, and the
 * same reading evaluated again after a crash overwrites its event instead of adding one.
 */
final class LocalSchema {

    /**
     * Bumped when the tables change, so that an old file is told apart and migrated. 1: alarm events keyed by event
     * id. 2: keyed by their cause. 3: alarm events have details (JSON text, see {@link DetailsText}).
     */
    static final int VERSION = 3;

    static final String USER_VERSION = "PRAGMA user_version";

    static final String[] CREATE = {
        """
        CREATE TABLE IF NOT EXISTS readings (
            sensor  TEXT    NOT NULL,
            ts      INTEGER NOT NULL,
            site    TEXT    NOT NULL,
            kind    TEXT    NOT NULL,
            value   REAL    NOT NULL,
            quality TEXT    NOT NULL,
            PRIMARY KEY (sensor, ts)
        ) WITHOUT ROWID""",
        """
        CREATE TABLE IF NOT EXISTS alarm_events (
            sensor         TEXT    NOT NULL,
            rule           TEXT    NOT NULL,
            transition     TEXT    NOT NULL,
            reading_time   INTEGER NOT NULL,
            id             TEXT    NOT NULL,
            alarm_id       TEXT    NOT NULL,
            site           TEXT    NOT NULL,
            kind           TEXT    NOT NULL,
            level_name     TEXT    NOT NULL,
            level          TEXT    NOT NULL,
            previous_level TEXT,
            threshold      REAL,
            value          REAL,
            event_time     INTEGER NOT NULL,
            registered     INTEGER NOT NULL,
            details        TEXT,
            PRIMARY KEY (sensor, rule, transition, reading_time)
        )""",
        "CREATE INDEX IF NOT EXISTS alarm_events_by_reading_time ON alarm_events (reading_time)",
        "CREATE INDEX IF NOT EXISTS alarm_events_by_sensor_reading_time ON alarm_events (sensor, reading_time)",
        "PRAGMA user_version = " + VERSION,
    };

    /**
     * Version 1 to 2, in one transaction before {@link #CREATE}: the old events move to the new table in the order
     * they were decided, so that where two share a cause the later one is kept, as a later write would have. The old
     * indexes go first, or they would keep their names on the renamed table and {@link #CREATE} would skip the new.
     */
    static final String[] MIGRATE_FROM_1 = {
        "DROP INDEX IF EXISTS alarm_events_by_time",
        "DROP INDEX IF EXISTS alarm_events_by_sensor_time",
        "ALTER TABLE alarm_events RENAME TO alarm_events_v1",
        CREATE[1],
        """
        INSERT INTO alarm_events (sensor, rule, transition, reading_time, id, alarm_id, site, kind, level_name, level,
            previous_level, threshold, value, event_time, registered)
        SELECT sensor, rule, transition, reading_time, id, alarm_id, site, kind, level_name, level, previous_level,
               threshold, value, event_time, registered
        FROM alarm_events_v1 WHERE true ORDER BY event_time, rowid
        ON CONFLICT (sensor, rule, transition, reading_time) DO UPDATE SET
            id = excluded.id, alarm_id = excluded.alarm_id, site = excluded.site, kind = excluded.kind,
            level_name = excluded.level_name, level = excluded.level, previous_level = excluded.previous_level,
            threshold = excluded.threshold, value = excluded.value, event_time = excluded.event_time,
            registered = excluded.registered""",
        "DROP TABLE alarm_events_v1",
    };

    /** Version 2 to 3: events written before have no details. (Version 1 files get the column with the new table.) */
    static final String[] MIGRATE_FROM_2 = {
        "ALTER TABLE alarm_events ADD COLUMN details TEXT",
    };

    /** Last write wins, as in InfluxDB, where a point written again at the same time replaces its fields. */
    static final String UPSERT_READING = """
            INSERT INTO readings (sensor, ts, site, kind, value, quality) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sensor, ts) DO UPDATE SET
                site = excluded.site, kind = excluded.kind, value = excluded.value, quality = excluded.quality""";

    /**
     * Last write wins here too: a retried batch writes the same event again, and a reading evaluated again after a
     * crash writes an event of the same cause with a new id and event time, which replaces the first.
     */
    static final String UPSERT_EVENT = """
            INSERT INTO alarm_events (sensor, rule, transition, reading_time, id, alarm_id, site, kind, level_name,
                level, previous_level, threshold, value, event_time, registered, details)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sensor, rule, transition, reading_time) DO UPDATE SET
                id = excluded.id, alarm_id = excluded.alarm_id, site = excluded.site, kind = excluded.kind,
                level_name = excluded.level_name, level = excluded.level, previous_level = excluded.previous_level,
                threshold = excluded.threshold, value = excluded.value, event_time = excluded.event_time,
                registered = excluded.registered, details = excluded.details""";

    static final String RAW_HISTORY = """
            SELECT ts, value FROM readings
            WHERE sensor = ? AND kind = ? AND ts >= ? AND ts < ?
            ORDER BY ts""";

    /**
     * One row per non-empty step. The bucket is the floor of {@code ts / step} times step (SQLite's integer division
     * truncates towards zero, which would misplace times before 1970), the grid InfluxDB's GROUP BY time() uses too.
     * {@code last} is the value at the latest time of the step, found through the primary key.
     */
    static final String AGGREGATED_HISTORY = """
            SELECT b.bucket, b.mean, b.low, b.high, r.value, b.n
            FROM (
                SELECT ts - (((ts % ?1) + ?1) % ?1) AS bucket, avg(value) AS mean, min(value) AS low,
                       max(value) AS high, count(*) AS n, max(ts) AS last_ts
                FROM readings
                WHERE sensor = ?2 AND kind = ?3 AND ts >= ?4 AND ts < ?5
                GROUP BY bucket
            ) AS b
            JOIN readings AS r ON r.sensor = ?2 AND r.ts = b.last_ts
            ORDER BY b.bucket""";

    static final String EVENTS = """
            SELECT id, alarm_id, transition, site, sensor, kind, rule, level_name, level, previous_level, threshold,
                   value, reading_time, event_time, registered, details
            FROM alarm_events
            WHERE reading_time >= ? AND reading_time < ?""";

    static final String EVENTS_ORDER = " ORDER BY reading_time, rowid";

    private LocalSchema() {
    }
}
