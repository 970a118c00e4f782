package io.minewatch.gateway.conditions;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.util.Map;

/** Builds the events of condition alarms from their {@link ActiveAlarm} snapshot. */
public final class ConditionAlarm {

    private ConditionAlarm() {
    }

    /**
     * The event of {@code transition} of {@code alarm} (its state after the transition; for CLEARED the state left).
     */
    public static AlarmEvent event(AlarmIds ids, AlarmTransition transition, ActiveAlarm alarm, Level previous,
            long readingTimestampMillis, long eventTimeMillis, boolean registered, Map<String, String> details) {
        return new AlarmEvent(ids.next(), alarm.alarmId(), transition, alarm.site(), alarm.sensor(), alarm.kind(),
                alarm.ruleId(), alarm.levelName(), alarm.level(), previous, alarm.threshold(), alarm.value(),
                readingTimestampMillis, eventTimeMillis, registered, details);
    }

    /** The alarm with a new level, threshold and value, as of {@code eventTimeMillis}. */
    public static ActiveAlarm moved(ActiveAlarm alarm, String levelName, Level level, double threshold, double value,
            long eventTimeMillis) {
        return new ActiveAlarm(alarm.alarmId(), alarm.site(), alarm.sensor(), alarm.kind(), alarm.ruleId(), levelName,
                level, threshold, value, alarm.raisedAtMillis(), eventTimeMillis);
    }

    /** The transition that takes an alarm from {@code from} to {@code to} (both non-null). */
    public static AlarmTransition between(Level from, Level to) {
        return to.isAbove(from) ? AlarmTransition.ESCALATED : AlarmTransition.DEESCALATED;
    }
}
