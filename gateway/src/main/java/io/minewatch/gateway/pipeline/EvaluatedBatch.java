package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.List;

/** The readings of one received message together with the alarm transitions they caused. */
public record EvaluatedBatch(Ingest ingest, List<Reading> readings, List<AlarmEvent> events) {
}
