package io.minewatch.gateway.fault;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The regulator's side of an MQTT uplink: a persistent session (so its broker queues what arrives while it is
 * reconnecting) subscribed to {@code regulator/#} at QoS 1, recording every payload in arrival order, repeats included.
 */
final class RegulatorSubscriber implements AutoCloseable {

    private final MqttClient client;
    private final List<String> payloads = new CopyOnWriteArrayList<>();
    private final List<String> topics = new CopyOnWriteArrayList<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    RegulatorSubscriber(String brokerUrl) throws MqttException {
        client = new MqttClient(brokerUrl, "regulator-subscriber", new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrivals.add(System.currentTimeMillis());
                topics.add(topic);
                payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        client.connect(options);
        client.subscribe("regulator/#", 1);
    }

    /** Every payload received, in arrival order, repeats included. */
    List<String> payloads() {
        return payloads;
    }

    /** Wall-clock arrival time of each payload, in the same order. */
    List<Long> arrivals() {
        return arrivals;
    }

    List<String> topics() {
        return topics;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnectForcibly(0, 1000);
        }
        client.close(true);
    }
}
