package io.minewatch.gateway.alarms;

import io.minewatch.gateway.rules.ActiveAlarm;
import java.util.Objects;

/**
 * An active alarm as {@link AlarmStateStore} keeps it: the last transition that set its level, in full, so that the
 * alarm board shows after a restart exactly what it showed before, plus when it was raised and its acknowledgement.
 *
 * @param lastTransition  the alarm's last RAISED, ESCALATED or DEESCALATED event
 * @param raisedAtMillis  event time of its RAISED transition
 * @param acknowledgement who acknowledged it, or null while it is not acknowledged
 */
public record StoredAlarm(AlarmEvent lastTransition, long raisedAtMillis, Acknowledgement acknowledgement) {

    public StoredAlarm {
        Objects.requireNonNull(lastTransition, "lastTransition");
        if (!AlarmStateSchema.setsLevel(lastTransition.transition())) {
            throw new IllegalArgumentException("lastTransition : " + lastTransition.transition()
                    + " (expected: RAISED, ESCALATED or DEESCALATED)");
        }
    }

    public boolean isAcknowledged() {
        return acknowledgement != null;
    }

    /** What a rule engine restores: the alarm continues with its id, level and raise time. */
    public ActiveAlarm active() {
        AlarmEvent e = lastTransition;
        return new ActiveAlarm(e.alarmId(), e.site(), e.sensor(), e.kind(), e.ruleId(), e.levelName(), e.level(),
                e.threshold(), e.value(), raisedAtMillis, e.eventTimeMillis(), e.readingTimestampMillis());
    }
}
