package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Reading;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.auth.Permission;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.registry.SensorRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/sites}, {@code /api/sensors} (live values, filtered and paged) and {@code /api/sensors/{id}}. */
final class SensorRoutes {

    static final Set<String> LEVEL_FILTERS = Set.of("none", "blue", "yellow", "orange", "red");
    private static final Set<String> KINDS = Arrays.stream(Kind.values()).map(Kind::id).collect(Collectors.toSet());

    private final MinewatchConfig config;
    private final SensorRegistry registry;
    private final LiveBoard live;
    private final AlarmBoard alarms;
    private final SensorJson json;
    private final Clock clock;

    SensorRoutes(MinewatchConfig config, SensorRegistry registry, LiveBoard live, AlarmBoard alarms, SensorJson json,
            Clock clock) {
        this.config = config;
        this.registry = registry;
        this.live = live;
        this.alarms = alarms;
        this.json = json;
        this.clock = clock;
    }

    void register(Router router) {
        router.get("/api/sites", Permission.VIEW_ALARMS, "the monitored sites", this::sites);
        router.get("/api/sensors", Permission.VIEW_LIVE,
                "every sensor with its latest value, time, level and quality; filters site, kind, level, sensor",
                this::sensors);
        router.get("/api/sensors/{id}", Permission.VIEW_LIVE, "one sensor with its profile's thresholds",
                this::sensor);
    }

    private ApiResponse sites(ApiRequest request) {
        request.params().allowOnly();
        ArrayNode sites = json.mapper().createArrayNode();
        for (SiteConfig site : config.sites()) {
            sites.addObject()
                    .put("id", site.id())
                    .put("type", site.type().id())
                    .put("name", site.name())
                    .put("sensors", site.sensors().size());
        }
        return ApiResponse.json(json.mapper(), sites);
    }

    private ApiResponse sensors(ApiRequest request) {
        QueryParams params = request.params();
        params.allowOnly("site", "kind", "level", "sensor", "limit", "offset");
        String site = params.string("site");
        String sensorId = params.string("sensor");
        Set<String> kinds = params.choices("kind", KINDS);
        Set<String> levels = params.choices("level", LEVEL_FILTERS);
        Paging paging = Paging.of(params, 10_000, 100_000);
        long now = clock.millis();
        Map<String, Level> levelBySensor = SensorLevels.of(alarms.active());
        List<ObjectNode> rows = new ArrayList<>();
        for (SensorConfig sensor : config.sensorsById().values()) {
            if (matches(sensor.site(), sensor.id(), sensor.kind(), site, sensorId, kinds, levels, levelBySensor)) {
                rows.add(json.row(sensor.id(), sensor.site(), sensor.kind(), sensor.location(), true,
                        live.latest(sensor.id()), levelBySensor.get(sensor.id()), now));
            }
        }
        for (Reading reading : live.all()) {
            if (!reading.registered() && matches(reading.site(), reading.sensor(), reading.kind(), site, sensorId,
                    kinds, levels, levelBySensor)) {
                rows.add(json.row(reading.sensor(), reading.site(), reading.kind(), "", false,
                        live.latest(reading.sensor()), levelBySensor.get(reading.sensor()), now));
            }
        }
        rows.sort(Comparator.comparing((ObjectNode n) -> n.get("site").asText())
                .thenComparing(n -> n.get("sensor").asText()));
        ArrayNode array = json.mapper().createArrayNode();
        array.addAll(paging.page(rows));
        return ApiResponse.json(json.mapper(), array).withHeader(Paging.TOTAL_HEADER, String.valueOf(rows.size()));
    }

    private static boolean matches(String site, String sensor, Kind kind, String siteFilter, String sensorFilter,
            Set<String> kinds, Set<String> levels, Map<String, Level> levelBySensor) {
        if ((siteFilter != null && !siteFilter.equals(site)) || (sensorFilter != null && !sensorFilter.equals(sensor))
                || (!kinds.isEmpty() && !kinds.contains(kind.id()))) {
            return false;
        }
        if (levels.isEmpty()) {
            return true;
        }
        Level level = levelBySensor.get(sensor);
        return levels.contains(level == null ? "none" : level.id());
    }

    private ApiResponse sensor(ApiRequest request) {
        request.params().allowOnly();
        String id = request.variable("id");
        SensorConfig sensor = registry.sensor(id);
        Reading latest = live.latest(id);
        if (sensor == null && latest == null) {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "sensor : " + id
                    + " (expected: a registered sensor or one seen since start)");
        }
        Level level = SensorLevels.of(alarms.active()).get(id);
        long now = clock.millis();
        ObjectNode row = sensor != null
                ? json.row(id, sensor.site(), sensor.kind(), sensor.location(), true, latest, level, now)
                : json.row(id, latest.site(), latest.kind(), "", false, latest, level, now);
        if (sensor != null) {
            row.put("profile", sensor.profile().name());
            row.set("rules", json.thresholds(sensor.profile()));
        } else {
            row.putNull("profile");
            row.putArray("rules");
        }
        return ApiResponse.json(json.mapper(), row);
    }
}
