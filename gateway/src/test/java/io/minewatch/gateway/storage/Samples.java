package io.minewatch.gateway.storage;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;

/** Readings and alarm events for the storage tests. */
final class Samples {

    /** 2025-11-22T11:00:00Z, a whole hour, so that steps of minutes start on it. */
    static final long T0 = 1_763_809_200_000L;

    private Samples() {
    }

    static Reading ch4(String sensor, long timestampMillis, double value) {
        return reading(Kind.CH4, sensor, timestampMillis, value);
    }

    static Reading reading(Kind kind, String sensor, long timestampMillis, double value) {
        return new Reading("CM01", sensor, kind, value, timestampMillis, Quality.GOOD, true, timestampMillis + 5);
    }

    static AlarmEvent raised(String id, String sensor, long eventTimeMillis) {
        return new AlarmEvent(id, "alarm-" + id, AlarmTransition.RAISED, "CM01", sensor, Kind.CH4, "ch4_limit",
                "alarm", Level.ORANGE, null, 1.0, 1.12, eventTimeMillis - 3, eventTimeMillis, true);
    }

    /** An event of rule {@code ruleId} caused by a reading at {@code readingMillis}, decided at {@code eventMillis}. */
    static AlarmEvent event(String id, String sensor, AlarmTransition transition, String ruleId, long readingMillis,
            long eventMillis) {
        boolean raised = transition == AlarmTransition.RAISED;
        return new AlarmEvent(id, "alarm-" + id, transition, "CM01", sensor, Kind.CH4, ruleId, "alarm", Level.ORANGE,
                raised ? null : Level.ORANGE, 1.0, raised ? 1.12 : 0.8, readingMillis, eventMillis, true);
    }

    static AlarmEvent escalated(String id, String sensor, long eventTimeMillis) {
        return new AlarmEvent(id, "alarm-" + id, AlarmTransition.ESCALATED, "CM01", sensor, Kind.CH4, "ch4_limit",
                "power_cut", Level.RED, Level.ORANGE, 1.5, 1.61, eventTimeMillis - 2, eventTimeMillis, false);
    }
}
