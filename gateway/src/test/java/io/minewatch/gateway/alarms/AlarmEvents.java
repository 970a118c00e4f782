package io.minewatch.gateway.alarms;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;

/** Alarm transitions of the coal working-face methane rule (alarm ≥ 1.0 orange, power cut ≥ 1.5 red) for tests. */
final class AlarmEvents {

    static final String SITE = "CM01";
    /** 2025-11-22T11:00:00Z. */
    static final long T0 = 1_763_809_200_000L;

    private AlarmEvents() {
    }

    static AlarmEvent raised(String alarmId, String sensor, String rule, long readingMillis) {
        return event("r-" + alarmId + "-" + readingMillis, alarmId, AlarmTransition.RAISED, sensor, rule, "alarm",
                Level.ORANGE, null, 1.0, 1.2, readingMillis);
    }

    static AlarmEvent escalated(String alarmId, String sensor, String rule, long readingMillis) {
        return event("e-" + alarmId + "-" + readingMillis, alarmId, AlarmTransition.ESCALATED, sensor, rule,
                "power_cut", Level.RED, Level.ORANGE, 1.5, 1.7, readingMillis);
    }

    static AlarmEvent deescalated(String alarmId, String sensor, String rule, long readingMillis) {
        return event("d-" + alarmId + "-" + readingMillis, alarmId, AlarmTransition.DEESCALATED, sensor, rule,
                "alarm", Level.ORANGE, Level.RED, 1.0, 1.3, readingMillis);
    }

    static AlarmEvent acknowledged(String alarmId, String sensor, String rule, long readingMillis) {
        return event("a-" + alarmId + "-" + readingMillis, alarmId, AlarmTransition.ACKNOWLEDGED, sensor, rule,
                "alarm", Level.ORANGE, Level.ORANGE, Double.NaN, Double.NaN, readingMillis);
    }

    static AlarmEvent cleared(String alarmId, String sensor, String rule, long readingMillis) {
        return event("c-" + alarmId + "-" + readingMillis, alarmId, AlarmTransition.CLEARED, sensor, rule, "alarm",
                Level.ORANGE, Level.ORANGE, 1.0, 0.6, readingMillis);
    }

    /** Decided 7 ms after its reading, so that reading and event times are told apart. */
    static AlarmEvent event(String id, String alarmId, AlarmTransition transition, String sensor, String rule,
            String levelName, Level level, Level previous, double threshold, double value, long readingMillis) {
        return new AlarmEvent(id, alarmId, transition, SITE, sensor, Kind.CH4, rule, levelName, level, previous,
                threshold, value, readingMillis, readingMillis + 7, true);
    }
}
