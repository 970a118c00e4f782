package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minewatch.collectors.Collector;
import io.minewatch.collectors.CollectorHealth;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.SystemAlarms;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.pipeline.ReadingPipeline;
import io.minewatch.gateway.storage.SpoolStatus;
import io.minewatch.gateway.storage.StoreAndForward;
import io.minewatch.gateway.storage.TimeSeriesStore;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /health} (open: a load balancer or service manager asks it without a login; it names parts, not data) and
 * {@code /metrics} (Prometheus text; open to the gateway's own host, otherwise an admin session).
 */
final class StatusRoutes {

    private final List<Collector> collectors;
    private final TimeSeriesStore store;
    private final SystemAlarms systemAlarms;
    private final ReadingPipeline pipeline;
    private final AlarmBoard alarms;
    private final PrometheusMeterRegistry metrics;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, Supplier<JsonNode>> sections;

    /** @param sections further parts of {@code /health} by name (e.g. the regulator uplink), read at each request */
    StatusRoutes(List<Collector> collectors, TimeSeriesStore store, SystemAlarms systemAlarms,
            ReadingPipeline pipeline, AlarmBoard alarms, PrometheusMeterRegistry metrics, ObjectMapper mapper,
            Clock clock, Map<String, Supplier<JsonNode>> sections) {
        this.sections = sections;
        this.collectors = collectors;
        this.store = store;
        this.systemAlarms = systemAlarms;
        this.pipeline = pipeline;
        this.alarms = alarms;
        this.metrics = metrics;
        this.mapper = mapper;
        this.clock = clock;
    }

    void register(Router router) {
        router.get("/health", null, "state of every collector, the store, the pipeline; 503 when degraded",
                this::health);
        router.add(new Route(HttpMethod.GET, "/metrics", Permission.METRICS, true,
                "Prometheus metrics (open from loopback, else admin)",
                request -> ApiResponse.text(metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8")));
    }

    private ApiResponse health(ApiRequest request) {
        request.params().allowOnly();
        ObjectNode root = mapper.createObjectNode();
        boolean up = true;
        ArrayNode collectorsNode = root.putArray("collectors");
        for (Collector collector : collectors) {
            CollectorHealth health = collector.health();
            up &= health.isUp();
            collectorsNode.addObject()
                    .put("name", collector.name())
                    .put("state", health.state().name().toLowerCase())
                    .put("detail", health.detail())
                    .put("since", health.since().toString());
        }
        boolean storeUp = store.isReachable();
        up &= storeUp;
        ObjectNode storage = root.putObject("storage").put("name", store.name()).put("reachable", storeUp);
        if (store instanceof StoreAndForward forwarding) {
            SpoolStatus spool = forwarding.status();
            storage.putObject("spool")
                    .put("points", spool.points())
                    .put("bytes", spool.bytes())
                    .put("max_bytes", spool.maxBytes())
                    .put("oldest_age_ms", spool.oldestAgeMillis())
                    .put("level", spool.level().name().toLowerCase());
        }
        ArrayNode system = root.putArray("system_alarms");
        for (SystemAlarms.SystemAlarm alarm : systemAlarms.active()) {
            up = false;
            system.addObject().put("code", alarm.code()).put("level", alarm.level().id())
                    .put("message", alarm.message())
                    .put("since", Instant.ofEpochMilli(alarm.sinceMillis()).toString());
        }
        root.putObject("pipeline").put("in_flight", pipeline.inFlight());
        sections.forEach((name, section) -> root.set(name, section.get()));
        root.put("active_alarms", alarms.activeCount());
        root.put("status", up ? "up" : "degraded");
        root.put("time", Instant.ofEpochMilli(clock.millis()).toString());
        return ApiResponse.json(mapper, up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, root);
    }
}
