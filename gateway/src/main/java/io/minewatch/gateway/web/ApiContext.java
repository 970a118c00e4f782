package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.collectors.Collector;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.ReadingPipeline;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** What the HTTP API reads from: the running gateway's parts. */
public record ApiContext(MinewatchConfig config, SensorRegistry registry, List<Collector> collectors,
        TimeSeriesStore store, ReadingPipeline pipeline, LiveBoard live, AlarmBoard alarms, AlarmJson alarmJson,
        PrometheusMeterRegistry metrics, ObjectMapper mapper, Clock clock, Duration staleAfter,
        SystemAlarms systemAlarms) {
}
