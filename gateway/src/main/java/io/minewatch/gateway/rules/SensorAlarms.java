package io.minewatch.gateway.rules;

import io.minewatch.config.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the engine keeps for one sensor: one {@link RuleState} per rule of the rule list last seen, and the
 * sensor-fault condition ({@link SensorFaults}).
 */
final class SensorAlarms {

    static final long NO_BAD_READING = Long.MIN_VALUE;
    private static final RuleState[] NO_STATES = new RuleState[0];

    /** The rule list the states were built for; null until the sensor's first reading. */
    List<Rule> rules;
    RuleState[] states = NO_STATES;
    long lastTimestampMillis = Long.MIN_VALUE;
    /**
     * The newest reading time the alarm state reflects: the newest evaluated here, or, after a restart, the newest
     * that caused a durable transition before it. A redelivered reading no newer than this is not evaluated again.
     */
    long evaluatedUpToMillis = Long.MIN_VALUE;
    /** Alarms restored before the sensor's first reading, applied once its rules are known. */
    List<ActiveAlarm> restored;
    /** BAD readings since the last GOOD one (UNCERTAIN ones neither count nor reset). */
    int badReadings;
    /** Timestamp of the newest BAD reading, {@link #NO_BAD_READING} before the first. */
    long lastBadMillis = NO_BAD_READING;
    /** The active sensor-fault alarm, raised here or restored; null when there is none. */
    ActiveAlarm fault;

    /**
     * True when {@code current} is the rule list the states were built for. Identity of the list, then of its rules,
     * keeps this free of allocation and of deep equality in the common case where the rule book hands out the same
     * instances.
     */
    boolean follows(List<Rule> current) {
        if (current == rules) {
            return true;
        }
        if (rules == null || current.size() != states.length) {
            return false;
        }
        for (int i = 0; i < states.length; i++) {
            if (current.get(i) != states[i].rule()) {
                return false;
            }
        }
        rules = current;
        return true;
    }

    /**
     * Takes an alarm from before a restart: a fault at once (it needs no rule), a threshold alarm to be applied with
     * the sensor's rules. False when one of the same rule is already held.
     */
    boolean restore(ActiveAlarm alarm) {
        // Readings older than what the alarm already reflects are late: they may not clear or lower it.
        lastTimestampMillis = Math.max(lastTimestampMillis, alarm.lastReadingAtMillis());
        evaluated(alarm.lastReadingAtMillis());
        if (SensorFaultPolicy.RULE_ID.equals(alarm.ruleId())) {
            if (fault != null) {
                return false;
            }
            fault = alarm;
            return true;
        }
        if (restored == null) {
            restored = new ArrayList<>(2);
        }
        for (ActiveAlarm other : restored) {
            if (other.ruleId().equals(alarm.ruleId())) {
                return false;
            }
        }
        restored.add(alarm);
        return true;
    }

    /** Notes that a reading of {@code timestampMillis} has been evaluated. */
    void evaluated(long timestampMillis) {
        if (timestampMillis > evaluatedUpToMillis) {
            evaluatedUpToMillis = timestampMillis;
        }
    }

    boolean isEmpty() {
        return states.length == 0 && restored == null && fault == null && badReadings == 0;
    }
}
