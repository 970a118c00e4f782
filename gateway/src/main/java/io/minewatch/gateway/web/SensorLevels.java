package io.minewatch.gateway.web;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The most severe level in force per sensor, computed once per answer instead of once per sensor. */
public final class SensorLevels {

    private SensorLevels() {
    }

    public static Map<String, Level> of(List<AlarmEvent> active) {
        Map<String, Level> levels = new HashMap<>();
        for (AlarmEvent event : active) {
            levels.merge(event.sensor(), event.level(), (a, b) -> b.isAbove(a) ? b : a);
        }
        return levels;
    }
}
