package io.minewatch.gateway.alarms;

import java.util.Objects;

/**
 * An alarm that stands (ISA-18.2): active, or cleared and not yet acknowledged. Acknowledgement and clearing are
 * independent; an alarm leaves the board only once it is both cleared and acknowledged.
 *
 * @param lastTransition  the alarm's last RAISED, ESCALATED or DEESCALATED event
 * @param raisedAtMillis  event time of its RAISED transition (the start of its acknowledgement deadline)
 * @param cleared         its CLEARED event, or null while it is active
 * @param acknowledgement who acknowledged it, or null while it is not acknowledged
 * @param contactLevel    how many contact levels were told it is unacknowledged (0: none yet)
 * @param shelved         true while its sensor and rule are shelved for chattering
 */
public record StandingAlarm(AlarmEvent lastTransition, long raisedAtMillis, AlarmEvent cleared,
        Acknowledgement acknowledgement, int contactLevel, boolean shelved) {

    public StandingAlarm {
        Objects.requireNonNull(lastTransition, "lastTransition");
        if (!AlarmStateSchema.setsLevel(lastTransition.transition())) {
            throw new IllegalArgumentException("lastTransition : " + lastTransition.transition()
                    + " (expected: RAISED, ESCALATED or DEESCALATED)");
        }
        if (cleared != null && cleared.transition() != AlarmTransition.CLEARED) {
            throw new IllegalArgumentException("cleared : " + cleared.transition() + " (expected: CLEARED)");
        }
        if (contactLevel < 0) {
            throw new IllegalArgumentException("contactLevel : " + contactLevel + " (expected: >= 0)");
        }
    }

    /** A newly raised alarm. */
    public static StandingAlarm raised(AlarmEvent event) {
        return new StandingAlarm(event, event.eventTimeMillis(), null, null, 0, false);
    }

    public String alarmId() {
        return lastTransition.alarmId();
    }

    public boolean isActive() {
        return cleared == null;
    }

    public boolean isAcknowledged() {
        return acknowledgement != null;
    }

    /** False once it is cleared and acknowledged: then it leaves the board. */
    public boolean stands() {
        return isActive() || !isAcknowledged();
    }

    public StandingAlarm moved(AlarmEvent levelEvent) {
        return new StandingAlarm(levelEvent, raisedAtMillis, cleared, acknowledgement, contactLevel, shelved);
    }

    public StandingAlarm withCleared(AlarmEvent clearedEvent) {
        return new StandingAlarm(lastTransition, raisedAtMillis, clearedEvent, acknowledgement, contactLevel, shelved);
    }

    public StandingAlarm withAcknowledgement(Acknowledgement ack) {
        return new StandingAlarm(lastTransition, raisedAtMillis, cleared, ack, contactLevel, shelved);
    }

    public StandingAlarm withContactLevel(int level) {
        return new StandingAlarm(lastTransition, raisedAtMillis, cleared, acknowledgement, level, shelved);
    }

    public StandingAlarm withShelved(boolean isShelved) {
        return new StandingAlarm(lastTransition, raisedAtMillis, cleared, acknowledgement, contactLevel, isShelved);
    }

    /** The acknowledgement an ACKNOWLEDGED event records: its details name who and the note. */
    public static Acknowledgement acknowledgementOf(AlarmEvent acknowledged) {
        return new Acknowledgement(acknowledged.details().get(AlarmDetails.ACKNOWLEDGED_BY),
                acknowledged.eventTimeMillis(), acknowledged.details().get(AlarmDetails.NOTE));
    }
}
