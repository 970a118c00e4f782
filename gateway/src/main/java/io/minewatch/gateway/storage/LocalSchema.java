package io.minewatch.gateway.storage;

/**
 * The SQL of {@link LocalStore}. Readings live in a table clustered on {@code (sensor, ts)}: the primary key is both
 * what makes a second write of a reading replace the first (as in InfluxDB) and the index a history query walks.
 */
final class LocalSchema {

    /** Bumped when the tables change, so a later version can tell an old file and migrate it. */
    static final int VERSION = 1;

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
            id             TEXT    NOT NULL PRIMARY KEY,
            alarm_id       TEXT    NOT NULL,
            transition     TEXT    NOT NULL,
            site           TEXT    NOT NULL,
            sensor         TEXT    NOT NULL,
            kind           TEXT    NOT NULL,
            rule           TEXT    NOT NULL,
            level_name     TEXT    NOT NULL,
            level          TEXT    NOT NULL,
            previous_level TEXT,
            threshold      REAL,
            value          REAL,
            reading_time   INTEGER NOT NULL,
            event_time     INTEGER NOT NULL,
            registered     INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS alarm_events_by_time ON alarm_events (event_time)",
        "CREATE INDEX IF NOT EXISTS alarm_events_by_sensor_time ON alarm_events (sensor, event_time)",
        "PRAGMA user_version = " + VERSION,
    };

    /** Last write wins, as in InfluxDB, where a point written again at the same time replaces its fields. */
    static final String UPSERT_READING = """
            INSERT INTO readings (sensor, ts, site, kind, value, quality) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (sensor, ts) DO UPDATE SET
                site = excluded.site, kind = excluded.kind, value = excluded.value, quality = excluded.quality""";

    /** An alarm event is immutable: a second write of the same id (a retried batch) keeps the first. */
    static final String INSERT_EVENT = """
            INSERT INTO alarm_events (id, alarm_id, transition, site, sensor, kind, rule, level_name, level,
                previous_level, threshold, value, reading_time, event_time, registered)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";

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
                   value, reading_time, event_time, registered
            FROM alarm_events
            WHERE event_time >= ? AND event_time < ?""";

    static final String EVENTS_ORDER = " ORDER BY event_time, rowid";

    private LocalSchema() {
    }
}
