package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.StoreUnavailableException;
import io.minewatch.gateway.storage.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/history}: a sensor's stored values over a period, raw or in steps. (The history and replay
 * component replaces this route with its own.)
 */
final class HistoryRoutes {

    /** A raw history longer than this must be asked for with a step. */
    static final int MAX_RAW_POINTS = 20_000;

    private final SensorRegistry registry;
    private final LiveBoard live;
    private final TimeSeriesStore store;
    private final ObjectMapper mapper;
    private final Clock clock;

    HistoryRoutes(SensorRegistry registry, LiveBoard live, TimeSeriesStore store, ObjectMapper mapper, Clock clock) {
        this.registry = registry;
        this.live = live;
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    void register(Router router) {
        router.get("/api/history", Permission.HISTORY, "a sensor's stored values from..to, raw or by step",
                this::history);
    }

    private ApiResponse history(ApiRequest request) throws StoreUnavailableException {
        QueryParams params = request.params();
        params.allowOnly("sensor", "from", "to", "step");
        String sensor = params.required("sensor");
        Kind kind = kindOf(sensor);
        long now = clock.millis();
        Long to = params.instantMillis("to");
        Long from = params.instantMillis("from");
        long toMillis = to == null ? now : to;
        long fromMillis = from == null ? toMillis - Duration.ofHours(1).toMillis() : from;
        if (fromMillis >= toMillis) {
            throw new BadRequestException("from : " + Instant.ofEpochMilli(fromMillis) + " (expected: before to "
                    + Instant.ofEpochMilli(toMillis) + ")");
        }
        Duration step = params.duration("step");
        List<HistoryPoint> points = store.history(kind, sensor, fromMillis, toMillis, step);
        if (step == null && points.size() > MAX_RAW_POINTS) {
            throw new BadRequestException("step : missing (expected: a step such as 1m, since the period holds "
                    + points.size() + " raw points, more than " + MAX_RAW_POINTS + ")");
        }
        ObjectNode root = mapper.createObjectNode()
                .put("sensor", sensor)
                .put("kind", kind.id())
                .put("unit", kind.canonicalUnit().symbol())
                .put("from", Instant.ofEpochMilli(fromMillis).toString())
                .put("to", Instant.ofEpochMilli(toMillis).toString());
        if (step == null) {
            root.putNull("step");
        } else {
            root.put("step", step.toString());
        }
        ArrayNode array = root.putArray("points");
        for (HistoryPoint point : points) {
            ObjectNode node = array.addObject().put("time", Instant.ofEpochMilli(point.timestampMillis()).toString());
            if (step == null) {
                node.put("value", point.last());
            } else {
                node.put("mean", point.mean()).put("min", point.min()).put("max", point.max())
                        .put("last", point.last()).put("count", point.count());
            }
        }
        return ApiResponse.json(mapper, root);
    }

    private Kind kindOf(String sensor) {
        SensorConfig registered = registry.sensor(sensor);
        if (registered != null) {
            return registered.kind();
        }
        Reading latest = live.latest(sensor);
        if (latest != null) {
            return latest.kind();
        }
        throw new BadRequestException("sensor : " + sensor + " (expected: a registered sensor or one seen since start)");
    }
}
