package io.minewatch.gateway.dispatch;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;

/**
 * Where the dispatcher hands points for storage: {@code StorageWriter::submit}. Never blocks; runs {@code onStored}
 * on its own thread once the points are durable (or refused as invalid), in submission order.
 */
@FunctionalInterface
public interface PointSink {

    void submit(List<Reading> readings, List<AlarmEvent> events, Runnable onStored);
}
