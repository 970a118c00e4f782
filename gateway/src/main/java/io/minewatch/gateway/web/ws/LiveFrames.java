package io.minewatch.gateway.web.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Reading;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.rules.Level;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.StandingAlarm;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.web.SensorJson;
import io.minewatch.gateway.web.SensorLevels;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The frames of {@code /ws/live}, JSON text, each with a {@code type}:
 * <ul>
 *   <li>{@code snapshot}: {@code {"type":"snapshot","time":..,"user":..,"role":..,"stale_after_ms":..,
 *       "sensors":[rows as GET /api/sensors],"alarms":[standing alarms as GET /api/alarms]}}, first after every
 *       subscribe, and again whenever the client fell too far behind;</li>
 *   <li>{@code changes}: {@code {"type":"changes","time":..,"readings":[{sensor,site,kind,unit,value,time,quality,
 *       level}],"alarms":[alarm events]}}, at most one per send interval, the latest reading per sensor;</li>
 *   <li>{@code error}: {@code {"type":"error","error":"..."}} for a message the server could not take.</li>
 * </ul>
 * A regulator's frames carry alarms only (no sensor values).
 */
public final class LiveFrames {

    private final MinewatchConfig config;
    private final LiveBoard live;
    private final AlarmBoard alarms;
    private final SensorJson sensorJson;
    private final AlarmJson alarmJson;

    public LiveFrames(MinewatchConfig config, LiveBoard live, AlarmBoard alarms, SensorJson sensorJson,
            AlarmJson alarmJson) {
        this.config = config;
        this.live = live;
        this.alarms = alarms;
        this.sensorJson = sensorJson;
        this.alarmJson = alarmJson;
    }

    TextWebSocketFrame snapshot(LiveClient client, long nowMillis) {
        Subscription subscription = client.subscription;
        List<AlarmEvent> active = alarms.active();
        Map<String, Level> levels = SensorLevels.of(active);
        ObjectNode root = sensorJson.mapper().createObjectNode()
                .put("type", "snapshot")
                .put("time", Instant.ofEpochMilli(nowMillis).toString())
                .put("user", client.session.user())
                .put("role", client.session.role().id())
                .put("stale_after_ms", sensorJson.staleAfterMillis());
        ArrayNode sensors = root.putArray("sensors");
        if (client.readings) {
            for (SensorConfig sensor : config.sensorsById().values()) {
                if (subscription.matches(sensor.site(), sensor.id())) {
                    sensors.add(sensorJson.row(sensor.id(), sensor.site(), sensor.kind(), sensor.location(), true,
                            live.latest(sensor.id()), levels.get(sensor.id()), nowMillis));
                }
            }
            for (Reading reading : live.all()) {
                if (!reading.registered() && subscription.matches(reading.site(), reading.sensor())) {
                    sensors.add(sensorJson.row(reading.sensor(), reading.site(), reading.kind(), "", false, reading,
                            levels.get(reading.sensor()), nowMillis));
                }
            }
        }
        ArrayNode alarmArray = root.putArray("alarms");
        for (StandingAlarm alarm : alarms.standing()) {
            AlarmEvent event = alarm.lastTransition();
            if (subscription.matches(event.site(), event.sensor())) {
                alarmArray.add(alarmJson.toJson(alarm));
            }
        }
        return frame(root);
    }

    TextWebSocketFrame changes(LiveClient client, long nowMillis) {
        ObjectNode root = sensorJson.mapper().createObjectNode()
                .put("type", "changes")
                .put("time", Instant.ofEpochMilli(nowMillis).toString());
        ArrayNode readings = root.putArray("readings");
        if (!client.pending.isEmpty()) {
            Map<String, Level> levels = SensorLevels.of(alarms.active());
            for (Reading reading : client.pending.values()) {
                readings.add(sensorJson.reading(reading, levels.get(reading.sensor())));
            }
        }
        ArrayNode alarmArray = root.putArray("alarms");
        for (AlarmEvent event : client.pendingAlarms) {
            alarmArray.add(alarmJson.toJson(event));
        }
        return frame(root);
    }

    TextWebSocketFrame error(String message) {
        return frame(sensorJson.mapper().createObjectNode().put("type", "error").put("error", message));
    }

    private TextWebSocketFrame frame(ObjectNode root) {
        try {
            return new TextWebSocketFrame(Unpooled.wrappedBuffer(sensorJson.mapper().writeValueAsBytes(root)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live frame could not be written as JSON", e);
        }
    }
}
