package io.minewatch.gateway.conditions;

import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;

/**
 * Where alarm transitions decided outside the reading pipeline go (a sensor gone offline, a maintenance window ending,
 * a pond's combined level): into the same dispatch as the pipeline's, so outputs, storage and alarm state get them.
 * Thread-safe.
 */
@FunctionalInterface
public interface ConditionEventSink {

    void emit(List<AlarmEvent> events);
}
