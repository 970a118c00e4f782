package io.minewatch.gateway.alarms;

/**
 * The SQL of {@link AlarmStateStore}: one row per active alarm, keyed by (sensor, rule), since a rule holds at most one
 * alarm of a sensor at a time. A row is deleted, or replaced, by alarm id, so that an event of an older alarm never
 * touches a newer one.
 */
final class AlarmStateSchema {

    static final int VERSION = 1;

    static final String[] CREATE = {
        """
        CREATE TABLE IF NOT EXISTS active_alarms (
            sensor          TEXT    NOT NULL,
            rule            TEXT    NOT NULL,
            alarm_id        TEXT    NOT NULL,
            site            TEXT    NOT NULL,
            kind            TEXT    NOT NULL,
            level_name      TEXT    NOT NULL,
            level           TEXT    NOT NULL,
            previous_level  TEXT,
            threshold       REAL    NOT NULL,
            value           REAL    NOT NULL,
            event_id        TEXT    NOT NULL,
            transition      TEXT    NOT NULL,
            reading_time    INTEGER NOT NULL,
            event_time      INTEGER NOT NULL,
            registered      INTEGER NOT NULL,
            raised_at       INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at INTEGER,
            ack_note        TEXT,
            PRIMARY KEY (sensor, rule)
        )""",
        "PRAGMA user_version = " + VERSION,
    };

    /**
     * RAISED, ESCALATED and DEESCALATED all write the whole row, so that applying an event twice changes nothing and an
     * escalation whose RAISED never became durable still leaves the alarm on record (raised at the escalation, the
     * best time known). The raise time and acknowledgement carry over while the alarm id stays the same; a new alarm
     * of the same rule and sensor replaces the row with its own.
     */
    static final String UPSERT = """
            INSERT INTO active_alarms (sensor, rule, alarm_id, site, kind, level_name, level, previous_level,
                threshold, value, event_id, transition, reading_time, event_time, registered, raised_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (sensor, rule) DO UPDATE SET
                alarm_id = excluded.alarm_id, site = excluded.site, kind = excluded.kind,
                level_name = excluded.level_name, level = excluded.level, previous_level = excluded.previous_level,
                threshold = excluded.threshold, value = excluded.value, event_id = excluded.event_id,
                transition = excluded.transition, reading_time = excluded.reading_time,
                event_time = excluded.event_time, registered = excluded.registered,
                raised_at = CASE WHEN alarm_id = excluded.alarm_id THEN raised_at ELSE excluded.raised_at END,
                acknowledged_by = CASE WHEN alarm_id = excluded.alarm_id THEN acknowledged_by END,
                acknowledged_at = CASE WHEN alarm_id = excluded.alarm_id THEN acknowledged_at END,
                ack_note = CASE WHEN alarm_id = excluded.alarm_id THEN ack_note END""";

    static final String DELETE = "DELETE FROM active_alarms WHERE sensor = ? AND rule = ? AND alarm_id = ?";

    /** From an ACKNOWLEDGED event, which names no person: the time only, keeping who and the note if recorded. */
    static final String ACKNOWLEDGED_AT = """
            UPDATE active_alarms SET acknowledged_at = ? WHERE sensor = ? AND rule = ? AND alarm_id = ?""";

    /** Only active alarms are kept, few enough to find one by its id without an index. */
    static final String ACKNOWLEDGE = """
            UPDATE active_alarms SET acknowledged_by = ?, acknowledged_at = ?, ack_note = ? WHERE alarm_id = ?""";

    static final String LOAD = """
            SELECT sensor, rule, alarm_id, site, kind, level_name, level, previous_level, threshold, value, event_id,
                   transition, reading_time, event_time, registered, raised_at, acknowledged_by, acknowledged_at,
                   ack_note
            FROM active_alarms ORDER BY raised_at, sensor, rule""";

    private AlarmStateSchema() {
    }

    static boolean setsLevel(AlarmTransition transition) {
        return transition == AlarmTransition.RAISED || transition == AlarmTransition.ESCALATED
                || transition == AlarmTransition.DEESCALATED;
    }
}
