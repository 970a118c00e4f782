package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import io.minewatch.gateway.live.Staleness;
import java.time.Instant;

/**
 * The JSON of a sensor's live state, the same in {@code GET /api/sensors} and on the WebSocket:
 * {@code {"sensor":..,"site":..,"kind":"ch4","unit":"%","location":..,"registered":true,"value":0.42,
 * "time":"2025-11-22T10:00:00.123Z","age_ms":850,"quality":"good","stale":false,"stale_after_ms":3000,
 * "level":"orange","maintenance":false}}; {@code value}, {@code time}, {@code quality} and {@code level} are null when
 * unknown; {@code stale} follows {@link Staleness}.
 */
public final class SensorJson {

    private final ObjectMapper mapper;
    private final Staleness staleness;
    private final MaintenanceView maintenance;

    public SensorJson(ObjectMapper mapper, Staleness staleness, MaintenanceView maintenance) {
        this.mapper = mapper;
        this.staleness = staleness;
        this.maintenance = maintenance;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The stale limit of a sensor whose reporting period is not yet known. */
    public long staleAfterMillis() {
        return staleness.defaultMillis();
    }

    public ObjectNode row(String id, String site, Kind kind, String location, boolean registered, Reading latest,
            Level level, long nowMillis) {
        ObjectNode row = mapper.createObjectNode()
                .put("sensor", id)
                .put("site", site)
                .put("kind", kind.id())
                .put("unit", kind.canonicalUnit().symbol())
                .put("location", location)
                .put("registered", registered);
        long staleAfter = staleness.staleAfterMillis(id);
        if (latest == null) {
            row.putNull("value");
            row.putNull("time");
            row.putNull("age_ms");
            row.putNull("quality");
            row.put("stale", true);
        } else {
            long age = Math.max(0, nowMillis - latest.timestampMillis());
            row.put("value", latest.value())
                    .put("time", Instant.ofEpochMilli(latest.timestampMillis()).toString())
                    .put("age_ms", age)
                    .put("quality", latest.quality().id())
                    .put("stale", age > staleAfter);
        }
        row.put("stale_after_ms", staleAfter);
        if (level == null) {
            row.putNull("level");
        } else {
            row.put("level", level.id());
        }
        row.put("maintenance", maintenance.inMaintenance(id));
        return row;
    }

    /** A reading as a change on the WebSocket: the row's live fields only. */
    public ObjectNode reading(Reading reading, Level level) {
        ObjectNode node = mapper.createObjectNode()
                .put("sensor", reading.sensor())
                .put("site", reading.site())
                .put("kind", reading.kind().id())
                .put("unit", reading.kind().canonicalUnit().symbol())
                .put("value", reading.value())
                .put("time", Instant.ofEpochMilli(reading.timestampMillis()).toString())
                .put("quality", reading.quality().id());
        if (level == null) {
            node.putNull("level");
        } else {
            node.put("level", level.id());
        }
        return node;
    }

    /** The value thresholds of a profile, for the lines on a trend chart; rate rules are listed without lines. */
    public ArrayNode thresholds(Profile profile) {
        ArrayNode rules = mapper.createArrayNode();
        for (Rule rule : profile.rules()) {
            ObjectNode node = rules.addObject()
                    .put("rule", rule.id())
                    .put("signal", rule.signal().type() == Signal.Type.VALUE ? "value" : "rate")
                    .put("direction", rule.direction().name().toLowerCase());
            ArrayNode levels = node.putArray("levels");
            for (LevelThreshold level : rule.levels()) {
                levels.addObject().put("name", level.name()).put("level", level.level().id())
                        .put("enter", level.enter()).put("exit", level.exit());
            }
        }
        return rules;
    }
}
