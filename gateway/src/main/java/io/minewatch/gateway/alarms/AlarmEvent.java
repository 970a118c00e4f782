package io.minewatch.gateway.alarms;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import java.util.Map;
import java.util.Objects;

/**
 * One transition of one alarm, immutable. An alarm is one episode of one rule on one sensor, from raised to cleared;
 * all its events share {@code alarmId}.
 *
 * @param id                 unique id of this event
 * @param alarmId            id of the alarm (episode) the event belongs to
 * @param transition         what happened
 * @param site               site id
 * @param sensor             sensor id
 * @param kind               quantity of the sensor
 * @param ruleId             rule of the sensor's profile
 * @param levelName          name of the level now in force (e.g. {@code power_cut}); for CLEARED the level left
 * @param level              warning level now in force; for CLEARED the level that was left
 * @param previousLevel      level before the transition, null for RAISED
 * @param threshold          the threshold crossed: the entry threshold when raising/escalating, the exit threshold
 *                           when de-escalating/clearing
 * @param value              the value (or, for a rate rule, the rate) that caused the transition
 * @param readingTimestampMillis time of the reading that caused it
 * @param eventTimeMillis    when the gateway decided it
 * @param registered         false when the sensor is not in the configuration
 * @param details            further facts of this transition, by name (never null, often empty): for example
 *                           {@code acknowledged_by} and {@code note} of an acknowledgement, or a forecast time; keys
 *                           are lower_snake_case, values text
 */
public record AlarmEvent(String id, String alarmId, AlarmTransition transition, String site, String sensor, Kind kind,
        String ruleId, String levelName, Level level, Level previousLevel, double threshold, double value,
        long readingTimestampMillis, long eventTimeMillis, boolean registered, Map<String, String> details) {

    public AlarmEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(levelName, "levelName");
        Objects.requireNonNull(level, "level");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** An event without further details. */
    public AlarmEvent(String id, String alarmId, AlarmTransition transition, String site, String sensor, Kind kind,
            String ruleId, String levelName, Level level, Level previousLevel, double threshold, double value,
            long readingTimestampMillis, long eventTimeMillis, boolean registered) {
        this(id, alarmId, transition, site, sensor, kind, ruleId, levelName, level, previousLevel, threshold, value,
                readingTimestampMillis, eventTimeMillis, registered, Map.of());
    }

    /** True while the alarm this event belongs to is still active after it. */
    public boolean leavesAlarmActive() {
        return transition != AlarmTransition.CLEARED;
    }

    /** This event with {@code details}. */
    public AlarmEvent withDetails(Map<String, String> details) {
        return new AlarmEvent(id, alarmId, transition, site, sensor, kind, ruleId, levelName, level, previousLevel,
                threshold, value, readingTimestampMillis, eventTimeMillis, registered, details);
    }
}
