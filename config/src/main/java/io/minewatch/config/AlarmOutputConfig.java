package io.minewatch.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where alarm events are published over MQTT ({@code alarms: { mqtt: { url: ... } }}), to topic
 * {@code minewatch/alarms/{site}/{sensor}} with QoS 1. Absent: the broker of the first MQTT collector.
 */
public record AlarmOutputConfig(Optional<URI> mqttUrl, String topicPrefix) {

    public static final AlarmOutputConfig DEFAULT = new AlarmOutputConfig(Optional.empty(), "minewatch/alarms");

    public AlarmOutputConfig {
        mqttUrl = mqttUrl == null ? Optional.empty() : mqttUrl;
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "minewatch/alarms" : topicPrefix;
    }

    /** The broker the alarm outputs go to: {@code mqtt.url}, or else {@code firstCollector}'s (the first MQTT one). */
    public Optional<URI> broker(Optional<URI> firstCollector) {
        return mqttUrl.or(() -> firstCollector);
    }
}
