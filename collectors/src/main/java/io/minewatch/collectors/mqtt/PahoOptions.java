package io.minewatch.collectors.mqtt;

import io.minewatch.config.MqttCollectorConfig;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** The Paho connect options of a collector, each setting chosen for a gateway that must not lose readings. */
final class PahoOptions {

    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private PahoOptions() {
    }

    static MqttConnectOptions forCollector(MqttCollectorConfig config) {
        MqttConnectOptions options = new MqttConnectOptions();
        // A persistent session under a stable client id: the broker keeps unacknowledged QoS 1/2 messages, and
        // queues new ones, while the collector is away, and delivers them when it returns.
        options.setCleanSession(false);
        // Reconnection is the collector's own: a configurable first delay, and it also covers the first connect.
        options.setAutomaticReconnect(false);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // How soon a silently dead link is noticed (a killed broker is noticed at once). Paho answers keep-alives
        // only while its threads are free, which MqttIntake's receive queue keeps them.
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().toCharArray());
        }
        options.setSocketFactory(NoDelaySockets.forBroker(config.url(), config.tls()));
        if ("ssl".equalsIgnoreCase(config.url().getScheme())) {
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }
}
