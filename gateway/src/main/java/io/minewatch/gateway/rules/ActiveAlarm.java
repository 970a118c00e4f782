package io.minewatch.gateway.rules;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import java.util.Objects;

/**
 * An immutable snapshot of one active alarm of a {@link RuleEngine}, and what an engine continues after a restart
 * ({@link RestoredAlarms}, {@link RuleEngine#restore}).
 *
 * @param alarmId           id shared by every event of the alarm
 * @param site              site of the sensor
 * @param sensor            sensor id
 * @param kind              quantity of the sensor
 * @param ruleId            rule the alarm belongs to
 * @param levelName         name of the level in force, e.g. {@code power_cut}
 * @param level             warning level in force
 * @param threshold         threshold of the alarm's last transition (as in its last {@code AlarmEvent})
 * @param value             signal value (reading value or rate) of the alarm's last transition
 * @param raisedAtMillis    event time of the RAISED transition
 * @param lastEventAtMillis event time of the alarm's last transition
 * @param lastReadingAtMillis time of the reading that caused the alarm's last transition, {@link Long#MIN_VALUE} when
 *                          unknown. A restored alarm makes older readings of its sensor late: after a crash the broker
 *                          delivers again readings the alarm already reflects, and they must not clear it.
 */
public record ActiveAlarm(String alarmId, String site, String sensor, Kind kind, String ruleId, String levelName,
        Level level, double threshold, double value, long raisedAtMillis, long lastEventAtMillis,
        long lastReadingAtMillis) {

    public ActiveAlarm {
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(levelName, "levelName");
        Objects.requireNonNull(level, "level");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold : " + threshold + " (expected: a finite number)");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value : " + value + " (expected: a finite number)");
        }
    }

    /** An alarm whose last transition's reading time is unknown. */
    public ActiveAlarm(String alarmId, String site, String sensor, Kind kind, String ruleId, String levelName,
            Level level, double threshold, double value, long raisedAtMillis, long lastEventAtMillis) {
        this(alarmId, site, sensor, kind, ruleId, levelName, level, threshold, value, raisedAtMillis,
                lastEventAtMillis, Long.MIN_VALUE);
    }
}
