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
 *
 * <p>A standing alarm ({@link #toJson(StandingAlarm)}, {@code GET /api/alarms?state=active}) is the JSON of its last
 * level-setting event with its lifecycle added: {@code "active":true|false, "acknowledged":true|false,
 * "acknowledgement":{"by":..,"at":..,"note":..}|null, "shelved":true|false, "raised_at":.., "cleared_at":..|null,
 * "contact_level":0}.
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

    public ObjectNode toJson(StandingAlarm alarm) {
        ObjectNode node = toJson(alarm.lastTransition());
        node.put("active", alarm.isActive());
        node.put("acknowledged", alarm.isAcknowledged());
        Acknowledgement ack = alarm.acknowledgement();
        if (ack == null) {
            node.putNull("acknowledgement");
        } else {
            ObjectNode acknowledgement = node.putObject("acknowledgement");
            acknowledgement.put("by", ack.by());
            acknowledgement.put("at", Instant.ofEpochMilli(ack.atMillis()).toString());
            acknowledgement.put("note", ack.note());
        }
        node.put("shelved", alarm.shelved());
        node.put("raised_at", Instant.ofEpochMilli(alarm.raisedAtMillis()).toString());
        if (alarm.cleared() == null) {
            node.putNull("cleared_at");
        } else {
            node.put("cleared_at", Instant.ofEpochMilli(alarm.cleared().eventTimeMillis()).toString());
        }
        node.put("contact_level", alarm.contactLevel());
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
