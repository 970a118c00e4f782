package io.minewatch.gateway.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.TreeMap;

/**
 * The JSON form of an alarm event, the same on MQTT, HTTP and (later) WebSocket:
 * {@code {"id":..,"alarm_id":..,"transition":"raised","site":..,"sensor":..,"kind":"ch4","rule":..,"level":"orange",
 * "severity":3,"level_name":"alarm","previous_level":null,"threshold":1.0,"value":1.2,"unit":"%",
 * "reading_time":"2025-11-22T10:00:00.123Z","event_time":"...","registered":true,"details":{}}}; {@code details}
 * holds the event's further facts by name (e.g. {@code acknowledged_by}, {@code note}).
 */
public final class AlarmJson {

    private final ObjectMapper mapper;

    public AlarmJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode toJson(AlarmEvent e) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", e.id());
        node.put("alarm_id", e.alarmId());
        node.put("transition", e.transition().id());
        node.put("site", e.site());
        node.put("sensor", e.sensor());
        node.put("kind", e.kind().id());
        node.put("rule", e.ruleId());
        node.put("level", e.level().id());
        node.put("severity", e.level().severity());
        node.put("level_name", e.levelName());
        if (e.previousLevel() == null) {
            node.putNull("previous_level");
        } else {
            node.put("previous_level", e.previousLevel().id());
        }
        node.put("threshold", e.threshold());
        node.put("value", e.value());
        node.put("unit", e.kind().canonicalUnit().symbol());
        node.put("reading_time", Instant.ofEpochMilli(e.readingTimestampMillis()).toString());
        node.put("event_time", Instant.ofEpochMilli(e.eventTimeMillis()).toString());
        node.put("registered", e.registered());
        ObjectNode details = node.putObject("details");
        new TreeMap<>(e.details()).forEach(details::put);
        return node;
    }

    public byte[] toBytes(AlarmEvent e) {
        try {
            return mapper.writeValueAsBytes(toJson(e));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("alarm event " + e.id() + " could not be written as JSON", ex);
        }
    }
}
