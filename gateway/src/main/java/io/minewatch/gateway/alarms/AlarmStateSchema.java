package io.minewatch.gateway.alarms;

import io.minewatch.gateway.conditions.ConditionRules;

/**
 * The SQL of {@link AlarmStateStore}: one row per standing alarm (active, or cleared and not yet acknowledged), keyed
 * by alarm id. A rule holds at most one active alarm of a sensor at a time, but a cleared alarm waiting for its
 * acknowledgement may stand beside a newer one of the same rule. Beside them, one row per sensor: the reading time of
 * its newest durable transition, which outlives the alarm (see {@link AlarmStateStore#loadEvaluatedUpTo()}).
 *
 * <p>Version 1 kept active alarms only, keyed by (sensor, rule); {@link #MIGRATE_FROM_1} moves its rows into the
 * version 2 table, so an old file keeps its alarms and acknowledgements. Version 2 had no reading times per sensor;
 * {@link #MIGRATE_TO_3} starts them from the standing alarms.
 */
final class AlarmStateSchema {

    static final int VERSION = 3;

    static final String USER_VERSION = "PRAGMA user_version";

    static final String CREATE_TABLE = """
        CREATE TABLE IF NOT EXISTS standing_alarms (
            alarm_id             TEXT    NOT NULL PRIMARY KEY,
            sensor               TEXT    NOT NULL,
            rule                 TEXT    NOT NULL,
            site                 TEXT    NOT NULL,
            kind                 TEXT    NOT NULL,
            level_name           TEXT    NOT NULL,
            level                TEXT    NOT NULL,
            previous_level       TEXT,
            threshold            REAL    NOT NULL,
            value                REAL    NOT NULL,
            event_id             TEXT    NOT NULL,
            transition           TEXT    NOT NULL,
            reading_time         INTEGER NOT NULL,
            event_time           INTEGER NOT NULL,
            registered           INTEGER NOT NULL,
            raised_at            INTEGER NOT NULL,
            acknowledged_by      TEXT,
            acknowledged_at      INTEGER,
            ack_note             TEXT,
            cleared_event_id     TEXT,
            cleared_reading_time INTEGER,
            cleared_event_time   INTEGER,
            cleared_threshold    REAL,
            cleared_value        REAL,
            contact_level        INTEGER NOT NULL DEFAULT 0
        )""";

    static final String CREATE_EVALUATED_TABLE = """
        CREATE TABLE IF NOT EXISTS evaluated_up_to (
            sensor       TEXT    NOT NULL PRIMARY KEY,
            reading_time INTEGER NOT NULL
        )""";

    static final String[] CREATE = {
        CREATE_TABLE,
        "CREATE INDEX IF NOT EXISTS standing_alarms_by_rule ON standing_alarms (sensor, rule)",
        CREATE_EVALUATED_TABLE,
        "PRAGMA user_version = " + VERSION,
    };

    /**
     * Version 1 or 2 to 3, after {@link #CREATE}: each sensor's time starts at the newest reading its standing alarms
     * reflect (the transitions of alarms already gone are not known; their readings are long acknowledged).
     */
    static final String[] MIGRATE_TO_3 = {
        """
        INSERT OR IGNORE INTO evaluated_up_to (sensor, reading_time)
        SELECT sensor, max(max(reading_time, coalesce(cleared_reading_time, reading_time)))
        FROM standing_alarms GROUP BY sensor""",
    };

    /** A sensor's time only moves forward: an event applied again, or a late reading's, does not move it back. */
    static final String EVALUATED = """
            INSERT INTO evaluated_up_to (sensor, reading_time) VALUES (?, ?)
            ON CONFLICT (sensor) DO UPDATE SET reading_time = max(reading_time, excluded.reading_time)""";

    static final String LOAD_EVALUATED = "SELECT sensor, reading_time FROM evaluated_up_to";

    /** Version 1 to 2, in the same transaction as {@link #CREATE}: every active alarm of the old table stands. */
    static final String[] MIGRATE_FROM_1 = {
        CREATE_TABLE,
        """
        INSERT OR REPLACE INTO standing_alarms (alarm_id, sensor, rule, site, kind, level_name, level, previous_level,
            threshold, value, event_id, transition, reading_time, event_time, registered, raised_at, acknowledged_by,
            acknowledged_at, ack_note)
        SELECT alarm_id, sensor, rule, site, kind, level_name, level, previous_level, threshold, value, event_id,
               transition, reading_time, event_time, registered, raised_at, acknowledged_by, acknowledged_at, ack_note
        FROM active_alarms""",
        "DROP TABLE active_alarms",
    };

    /**
     * A new active alarm of a rule ends any other active alarm of the same sensor and rule still on record (its
     * CLEARED never became durable); cleared alarms waiting for acknowledgement stay.
     */
    static final String DELETE_STALE = """
            DELETE FROM standing_alarms
            WHERE sensor = ? AND rule = ? AND alarm_id <> ? AND cleared_event_id IS NULL""";

    /**
     * RAISED, ESCALATED and DEESCALATED all write the level, so that applying an event twice changes nothing and an
     * escalation whose RAISED never became durable still leaves the alarm on record (raised at the escalation, the
     * best time known). Raise time, acknowledgement and contact level carry over.
     */
    static final String UPSERT = """
            INSERT INTO standing_alarms (alarm_id, sensor, rule, site, kind, level_name, level, previous_level,
                threshold, value, event_id, transition, reading_time, event_time, registered, raised_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (alarm_id) DO UPDATE SET
                sensor = excluded.sensor, rule = excluded.rule, site = excluded.site, kind = excluded.kind,
                level_name = excluded.level_name, level = excluded.level, previous_level = excluded.previous_level,
                threshold = excluded.threshold, value = excluded.value, event_id = excluded.event_id,
                transition = excluded.transition, reading_time = excluded.reading_time,
                event_time = excluded.event_time, registered = excluded.registered""";

    /** An acknowledged alarm that clears, or a cleared one that is acknowledged, leaves. */
    static final String DELETE_ACKNOWLEDGED = """
            DELETE FROM standing_alarms WHERE alarm_id = ? AND acknowledged_at IS NOT NULL""";

    static final String DELETE_CLEARED = """
            DELETE FROM standing_alarms WHERE alarm_id = ? AND cleared_event_id IS NOT NULL""";

    static final String CLEARED = """
            UPDATE standing_alarms SET cleared_event_id = ?, cleared_reading_time = ?, cleared_event_time = ?,
                cleared_threshold = ?, cleared_value = ?
            WHERE alarm_id = ?""";

    /** Who and the note come from the event's details; an event without them keeps those already recorded. */
    static final String ACKNOWLEDGE = """
            UPDATE standing_alarms SET acknowledged_at = ?, acknowledged_by = coalesce(?, acknowledged_by),
                ack_note = coalesce(?, ack_note)
            WHERE alarm_id = ?""";

    static final String CONTACT_LEVEL = """
            UPDATE standing_alarms SET contact_level = max(contact_level, ?) WHERE alarm_id = ?""";

    static final String LOAD = """
            SELECT alarm_id, sensor, rule, site, kind, level_name, level, previous_level, threshold, value, event_id,
                   transition, reading_time, event_time, registered, raised_at, acknowledged_by, acknowledged_at,
                   ack_note, cleared_event_id, cleared_reading_time, cleared_event_time, cleared_threshold,
                   cleared_value, contact_level
            FROM standing_alarms ORDER BY raised_at, sensor, rule""";

    private AlarmStateSchema() {
    }

    /**
     * True for the transitions a reading causes: level changes and clearing, except those of the offline and
     * maintenance conditions, whose times are the gateway's clock rather than a reading's.
     */
    static boolean causedByReading(AlarmEvent event) {
        AlarmTransition t = event.transition();
        return (setsLevel(t) || t == AlarmTransition.CLEARED)
                && !ConditionRules.OFFLINE.equals(event.ruleId()) && !ConditionRules.MAINTENANCE.equals(event.ruleId());
    }

    static boolean setsLevel(AlarmTransition transition) {
        return transition == AlarmTransition.RAISED || transition == AlarmTransition.ESCALATED
                || transition == AlarmTransition.DEESCALATED;
    }
}
