package io.minewatch.gateway.rules;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The alarms that were active when the gateway stopped, by sensor, immutable: what every lane's {@link RuleEngine} is
 * given at construction, since which sensors a lane will see is known only when their readings arrive. Each engine
 * takes a sensor's alarms on that sensor's first reading.
 */
public final class RestoredAlarms {

    public static final RestoredAlarms NONE = new RestoredAlarms(Map.of());

    private final Map<String, List<ActiveAlarm>> bySensor;

    private RestoredAlarms(Map<String, List<ActiveAlarm>> bySensor) {
        this.bySensor = bySensor;
    }

    public static RestoredAlarms of(Collection<ActiveAlarm> alarms) {
        return new RestoredAlarms(Map.copyOf(alarms.stream().collect(Collectors.groupingBy(ActiveAlarm::sensor,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)))));
    }

    /** The sensor's restored alarms, empty when it had none. */
    public List<ActiveAlarm> of(String sensor) {
        return bySensor.getOrDefault(sensor, List.of());
    }

    public boolean isEmpty() {
        return bySensor.isEmpty();
    }

    /** Number of alarms. */
    public int size() {
        int size = 0;
        for (List<ActiveAlarm> alarms : bySensor.values()) {
            size += alarms.size();
        }
        return size;
    }

    Map<String, List<ActiveAlarm>> bySensor() {
        return bySensor;
    }
}
