package io.minewatch.gateway.alarms.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import java.time.Instant;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification channels of the gateway: every notification is logged, and published as JSON to
 * {@code {alarms.topic_prefix}/_notifications/{contact}} when an MQTT output is given:
 * {@code {"contact":"duty_officer","time":"...","digest":false,"count":1,"events":[<alarm event JSON>...]}}. Beside the
 * alarm topics ({@code {prefix}/{site}/{sensor}}) and the gateway's own ({@code {prefix}/_gateway/{code}}), one level
 * deeper than the sensor topics {@code minewatch/{site}/{sensor}}, so that a collector reading {@code minewatch/+/+}
 * from the same broker does not take notifications for readings.
 */
public final class NotificationOutputs implements NotificationChannel {

    private static final Logger LOG = LoggerFactory.getLogger("minewatch.notifications");

    private final AlarmJson json;
    private final String topicPrefix;
    private final BiConsumer<String, byte[]> mqtt;

    /**
     * @param topicPrefix the alarm outputs' topic prefix ({@code alarms.topic_prefix})
     * @param mqtt        publishes a payload to a topic, or null for the log only
     */
    public NotificationOutputs(AlarmJson json, String topicPrefix, BiConsumer<String, byte[]> mqtt) {
        this.json = json;
        this.topicPrefix = topicPrefix;
        this.mqtt = mqtt;
    }

    /** The topic of a contact's notifications. */
    public String topic(String contact) {
        return topicPrefix + "/_notifications/" + contact;
    }

    @Override
    public void send(Notification n) {
        AlarmEvent first = n.events().get(0);
        if (n.digest()) {
            LOG.warn("NOTIFY {} digest of {} alarm events, first {} {}/{} alarm {}", n.contact(), n.events().size(),
                    first.transition().id(), first.site(), first.sensor(), first.alarmId());
        } else {
            LOG.warn("NOTIFY {} {} {}/{} rule {} level {} alarm {}", n.contact(), first.transition().id(),
                    first.site(), first.sensor(), first.ruleId(), first.level().id(), first.alarmId());
        }
        if (mqtt != null) {
            mqtt.accept(topic(n.contact()), toBytes(n));
        }
    }

    byte[] toBytes(Notification n) {
        ObjectNode node = json.mapper().createObjectNode();
        node.put("contact", n.contact());
        node.put("time", Instant.ofEpochMilli(n.atMillis()).toString());
        node.put("digest", n.digest());
        node.put("count", n.events().size());
        ArrayNode events = node.putArray("events");
        for (AlarmEvent event : n.events()) {
            events.add(json.toJson(event));
        }
        try {
            return json.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification to " + n.contact() + " could not be written as JSON", e);
        }
    }
}
