package io.minewatch.gateway.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The alarm state when the gateway stopped, by sensor, immutable: the alarms that were active, and per sensor the
 * newest reading time that state reflects. It is what every lane's {@link RuleEngine} is given at construction, since
 * which sensors a lane will see is known only when their readings arrive. Each engine takes a sensor's alarms on that
 * sensor's first reading; a reading the broker delivers again that is no newer than the sensor's time was evaluated
 * before the stop, and is not evaluated again.
 */
public final class RestoredAlarms {

    /** The time of a sensor with no reading reflected in the restored state. */
    public static final long NOTHING_EVALUATED = Long.MIN_VALUE;

    public static final RestoredAlarms NONE = new RestoredAlarms(Map.of(), Map.of());

    private final Map<String, List<ActiveAlarm>> bySensor;
    private final Map<String, Long> evaluatedUpTo;

    private RestoredAlarms(Map<String, List<ActiveAlarm>> bySensor, Map<String, Long> evaluatedUpTo) {
        this.bySensor = bySensor;
        this.evaluatedUpTo = evaluatedUpTo;
    }

    public static RestoredAlarms of(Collection<ActiveAlarm> alarms) {
        return of(alarms, Map.of());
    }

    /**
     * @param alarms        the active alarms
     * @param evaluatedUpTo per sensor, the reading time of its newest durable transition (a restored alarm's last
     *                      reading counts too)
     */
    public static RestoredAlarms of(Collection<ActiveAlarm> alarms, Map<String, Long> evaluatedUpTo) {
        Map<String, Long> times = new HashMap<>(evaluatedUpTo);
        for (ActiveAlarm alarm : alarms) {
            if (alarm.lastReadingAtMillis() != NOTHING_EVALUATED) {
                times.merge(alarm.sensor(), alarm.lastReadingAtMillis(), Math::max);
            }
        }
        return new RestoredAlarms(Map.copyOf(alarms.stream().collect(Collectors.groupingBy(ActiveAlarm::sensor,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)))), Map.copyOf(times));
    }

    /** The sensor's restored alarms, empty when it had none. */
    public List<ActiveAlarm> of(String sensor) {
        return bySensor.getOrDefault(sensor, List.of());
    }

    /** The newest reading time of the sensor the restored state reflects, {@link #NOTHING_EVALUATED} if none. */
    public long evaluatedUpTo(String sensor) {
        return evaluatedUpTo.getOrDefault(sensor, NOTHING_EVALUATED);
    }

    public boolean isEmpty() {
        return bySensor.isEmpty() && evaluatedUpTo.isEmpty();
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

    Map<String, Long> evaluatedUpTo() {
        return evaluatedUpTo;
    }
}
