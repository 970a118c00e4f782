package io.minewatch.simulators.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Listens on {@code minewatch/alarms/#} (the alarm topic of BRIEF.md; the regulator uplink is not measured here) and
 * hands every {@code raised} event to the {@link LatencyRecorder}, keyed by the sensor and the reading time it names.
 */
final class AlarmSubscriber implements AutoCloseable {

    static final String TOPIC = "minewatch/alarms/#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();

    AlarmSubscriber(String brokerUrl, LatencyRecorder latency) throws MqttException {
        client = new MqttClient(brokerUrl, "mwbench-alarms-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // The run's report shows missing alarms; reconnecting is not worth the complexity here.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long arrived = System.nanoTime();
                try {
                    JsonNode event = JSON.readTree(message.getPayload());
                    if ("raised".equals(event.path("transition").asText())) {
                        raised.incrementAndGet();
                        String decided = event.path("event_time").asText("");
                        latency.alarmed(event.path("sensor").asText(),
                                Instant.parse(event.path("reading_time").asText()).toEpochMilli(),
                                decided.isEmpty() ? LatencyRecorder.UNKNOWN : Instant.parse(decided).toEpochMilli(),
                                arrived);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    unreadable.incrementAndGet();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Subscribes only.
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setSocketFactory(new NoDelaySockets());
        client.connect(options);
        client.subscribe(TOPIC, 0);
    }

    long raised() {
        return raised.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        try {
            client.disconnect(1_000);
        } catch (MqttException e) {
            // Closing anyway.
        }
        try {
            client.close();
        } catch (MqttException e) {
            // Nothing left to do.
        }
    }
}
