package io.minewatch.gateway.dispatch;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateException;
import java.util.List;

/**
 * Where the dispatcher makes alarm transitions durable before their message is acknowledged:
 * {@code AlarmStateStore::apply}. Returns only once they are on disk.
 */
@FunctionalInterface
public interface AlarmStateSink {

    /** No durable alarm state: a message is acknowledged once its points are stored. */
    AlarmStateSink NONE = events -> { };

    void apply(List<AlarmEvent> events) throws AlarmStateException;
}
