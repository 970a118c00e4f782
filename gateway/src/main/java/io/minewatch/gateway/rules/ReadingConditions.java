package io.minewatch.gateway.rules;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;

/**
 * Conditions a {@link RuleEngine} checks before its threshold rules: the sensor's physical range, a flatlined value,
 * maintenance. Each engine has its own instance, called on the engine's thread only, so an implementation keeps its
 * per-sensor state without locks.
 */
@FunctionalInterface
public interface ReadingConditions {

    /** No conditions: every reading goes to the threshold rules. */
    ReadingConditions NONE = (reading, out) -> true;

    /**
     * Checks one reading before the threshold rules, appending the transitions of its own alarms to {@code out}.
     *
     * @return true when the engine should evaluate the reading as usual; false when the engine must ignore it
     *         entirely (no threshold evaluation, no sensor-fault counting), which leaves the sensor's alarms as they are
     */
    boolean admit(Reading reading, List<AlarmEvent> out);
}
