package io.minewatch.gateway.alarms.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationOutputsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aDigestIsPublishedAsOneJsonMessageOnTheContactsTopic() throws Exception {
        List<String> topics = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        NotificationOutputs outputs = new NotificationOutputs(new AlarmJson(mapper), "minewatch/alarms",
                (topic, payload) -> {
            topics.add(topic);
            payloads.add(payload);
        });
        long t = LifecycleRig.START.toEpochMilli();
        List<AlarmEvent> events = List.of(
                new AlarmEvent("E1", "A1", AlarmTransition.RAISED, "CM01", "S1", Kind.CH4, "ch4", "alarm",
                        Level.ORANGE, null, 1.0, 1.2, t, t, true),
                new AlarmEvent("E2", "A1", AlarmTransition.UNACKNOWLEDGED, "CM01", "S1", Kind.CH4, "ch4", "alarm",
                        Level.ORANGE, Level.ORANGE, 1.0, 1.2, t, t, true, Map.of("contact", "duty_officer")));

        outputs.send(new Notification("duty_officer", t + 60_000, events, true));

        assertThat(topics).containsExactly("minewatch/alarms/_notifications/duty_officer");
        // A collector reading the sensor topics from the same broker does not take it for a reading.
        assertThat(org.eclipse.paho.client.mqttv3.MqttTopic.isMatched("minewatch/+/+", topics.get(0))).isFalse();
        JsonNode json = mapper.readTree(payloads.get(0));
        assertThat(json.get("contact").asText()).isEqualTo("duty_officer");
        assertThat(json.get("digest").asBoolean()).isTrue();
        assertThat(json.get("count").asInt()).isEqualTo(2);
        assertThat(json.get("time").asText()).isEqualTo("2025-11-22T11:01:00Z");
        assertThat(json.get("events").get(1).get("transition").asText()).isEqualTo("unacknowledged");
        assertThat(json.get("events").get(1).get("details").get("contact").asText()).isEqualTo("duty_officer");
    }
}
