package io.minewatch.gateway.rules;

import io.minewatch.config.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/** Everything the engine keeps for one sensor: one {@link RuleState} per rule of the rule list last seen. */
final class SensorAlarms {

    private static final RuleState[] NO_STATES = new RuleState[0];

    /** The rule list the states were built for; null until the sensor's first reading. */
    List<Rule> rules;
    RuleState[] states = NO_STATES;
    long lastTimestampMillis = Long.MIN_VALUE;
    /** Alarms restored before the sensor's first reading, applied once its rules are known. */
    List<ActiveAlarm> restored;

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

    boolean restore(ActiveAlarm alarm) {
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

    boolean isEmpty() {
        return states.length == 0 && restored == null;
    }
}
