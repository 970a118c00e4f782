package io.minewatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One MQTT broker to subscribe to ({@code collectors.mqtt[]}).
 *
 * @param name            unique collector name, used in logs, metrics and health
 * @param url             {@code tcp://host:port} or {@code ssl://host:port}
 * @param topics          topic filters; the last two levels of a matching topic are {@code {site}/{sensor}}
 * @param qos             0, 1 or 2 (default 1)
 * @param clientId        MQTT client id (default {@code minewatch-<name>})
 * @param username        optional user name
 * @param password        optional password
 * @param tls             optional TLS trust and key material for {@code ssl://} URLs
 * @param reconnectMin    first reconnect delay (default 1 s), doubled after each failure
 * @param reconnectMax    longest reconnect delay (default 30 s)
 * @param maxPayloadBytes payloads larger than this are rejected as oversized (default 262144)
 */
public record MqttCollectorConfig(String name, URI url, List<String> topics, int qos, String clientId, String username,
        String password, TlsConfig tls, Duration reconnectMin, Duration reconnectMax, int maxPayloadBytes) {

    public static final List<String> DEFAULT_TOPICS = List.of("minewatch/+/+");
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    public MqttCollectorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        topics = List.copyOf(topics == null || topics.isEmpty() ? DEFAULT_TOPICS : topics);
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos : " + qos + " (expected: 0, 1 or 2)");
        }
        clientId = clientId == null || clientId.isBlank() ? "minewatch-" + name : clientId;
        reconnectMin = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
        reconnectMax = reconnectMax == null ? Duration.ofSeconds(30) : reconnectMax;
        maxPayloadBytes = maxPayloadBytes <= 0 ? DEFAULT_MAX_PAYLOAD_BYTES : maxPayloadBytes;
    }

    /** TLS settings: a CA certificate file (PEM) to trust, and optionally a PKCS#12 client key store. */
    public record TlsConfig(Path caFile, Path keyStore, String keyStorePassword) {
    }
}
